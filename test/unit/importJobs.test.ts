import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { ByteCounter } from '../../src/imports/jobs/byteCounter';
import { ImportQueue } from '../../src/imports/jobs/importQueue';
import type { AssetImportState } from '../../src/imports/jobs/importState';
import { STALE_AFTER_MS, ImportSnapshots } from '../../src/imports/jobs/snapshots';
import { simulatedFileBytes } from '../../src/simulators/files';

const MIB = 1024 * 1024;

async function drain(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('ByteCounter', () => {
  it('passes every byte through unchanged and counts them as they go', async () => {
    const progress: number[] = [];
    const counter = new ByteCounter(4 * MIB, (bytes) => progress.push(bytes));
    const [through, direct] = await Promise.all([drain(simulatedFileBytes('a', 3 * MIB + 5).pipe(counter)), drain(simulatedFileBytes('a', 3 * MIB + 5))]);
    expect(through).toBe(direct);
    expect(counter.bytes).toBe(3 * MIB + 5);
    expect(progress.at(-1)).toBe(3 * MIB + 5);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('fails with PAYLOAD_TOO_LARGE before passing on the chunk that goes over, and stops its source', async () => {
    const source = simulatedFileBytes('b', 8 * MIB);
    const counter = new ByteCounter(MIB, () => undefined);
    let passed = 0;
    counter.on('data', (chunk: Buffer) => (passed += chunk.length));
    await expect(pipeline(source, counter)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(passed).toBeLessThanOrEqual(MIB);
    expect(source.destroyed).toBe(true);
  });
});

describe('ImportQueue', () => {
  interface Job {
    owner: string;
    name: string;
    run(): Promise<void>;
  }
  function setup(limits = { maxRunning: 3, maxRunningPerCaller: 2, maxQueuedPerCaller: 10 }) {
    const queue = new ImportQueue<Job>(limits);
    const started: string[] = [];
    const finishers = new Map<string, () => void>();
    const add = (owner: string, name: string) => {
      expect(queue.reserve(owner)).toBe(true);
      const job: Job = {
        owner,
        name,
        run: () => {
          started.push(name);
          return new Promise<void>((resolve) => finishers.set(name, resolve));
        },
      };
      queue.enqueue(job);
      return job;
    };
    const finish = async (name: string) => {
      finishers.get(name)!();
      await new Promise((resolve) => setImmediate(resolve));
    };
    return { queue, started, add, finish };
  }

  it('starts at most the per-owner and process caps, and the waiting ones in order as slots free', async () => {
    const { queue, started, add, finish } = setup();
    add('a', 'a1');
    add('a', 'a2');
    add('a', 'a3');
    add('b', 'b1');
    add('b', 'b2');
    expect(started).toEqual(['a1', 'a2', 'b1']);
    expect(queue.running).toBe(3);
    await finish('b1'); // b's slot frees; a is still at its cap, so b2 passes a3
    expect(started).toEqual(['a1', 'a2', 'b1', 'b2']);
    await finish('a1');
    expect(started).toEqual(['a1', 'a2', 'b1', 'b2', 'a3']);
  });

  it('bounds the waiting places per owner, reserved before the job exists, and gives them back', () => {
    const queue = new ImportQueue<Job>({ maxRunning: 1, maxRunningPerCaller: 1, maxQueuedPerCaller: 2 });
    expect(queue.reserve('a')).toBe(true);
    expect(queue.reserve('a')).toBe(true);
    expect(queue.reserve('a')).toBe(false);
    expect(queue.reserve('b')).toBe(true);
    queue.release('a');
    expect(queue.reserve('a')).toBe(true);
  });

  it('takes a waiting job out without running it', async () => {
    const { queue, started, add, finish } = setup({ maxRunning: 1, maxRunningPerCaller: 1, maxQueuedPerCaller: 10 });
    add('a', 'a1');
    const second = add('a', 'a2');
    add('a', 'a3');
    expect(queue.remove(second)).toBe(true);
    expect(queue.remove(second)).toBe(false);
    await finish('a1');
    expect(started).toEqual(['a1', 'a3']);
    expect(queue.drain()).toEqual([]);
  });
});

describe('ImportSnapshots', () => {
  const state: AssetImportState = {
    id: 'abcdefabcdef.0123456789abcdef.photo.000000000000000000000000',
    owner: '0123456789abcdef',
    source: 'photo',
    filename: 'a.jpg',
    status: 'RUNNING',
    bytesDone: 5,
    totalBytes: 10,
    assetKey: null,
    error: null,
    createdAt: 1,
    startedAt: 2,
    endedAt: null,
  };

  it('reads back what it wrote, and a RUNNING one whose heartbeat is stale as FAILED IMPORT_LOST', async () => {
    const snapshots = new ImportSnapshots(new InMemoryLRUCache<string>());
    await snapshots.write(state);
    expect(await snapshots.read(state.id)).toEqual(state);
    const later = Date.now() + STALE_AFTER_MS + 1;
    expect(await snapshots.read(state.id, later)).toMatchObject({ status: 'FAILED', bytesDone: 5, error: { code: 'IMPORT_LOST' } });
    await snapshots.write({ ...state, status: 'SUCCEEDED', assetKey: 'k', endedAt: 3 });
    expect(await snapshots.read(state.id, later)).toMatchObject({ status: 'SUCCEEDED', assetKey: 'k' });
  });

  it('takes nothing it cannot trust: malformed, of another id, or missing', async () => {
    const cache = new InMemoryLRUCache<string>();
    const snapshots = new ImportSnapshots(cache);
    await cache.set(`asset-import:${state.id}`, '{not json');
    expect(await snapshots.read(state.id)).toBeUndefined();
    await cache.set(`asset-import:${state.id}`, JSON.stringify({ ...state, id: 'other', heartbeatAt: Date.now() }));
    expect(await snapshots.read(state.id)).toBeUndefined();
    await cache.set(`asset-import:${state.id}`, JSON.stringify({ ...state, status: 'SOMETHING', heartbeatAt: Date.now() }));
    expect(await snapshots.read(state.id)).toBeUndefined();
    expect(await snapshots.read('missing')).toBeUndefined();
  });
});
