import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { startApp } from '../../src/app';
import type { RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { fromGlobalId, toGlobalId } from '../../src/graphql/relay/globalId';
import { importOwnerOf } from '../../src/imports/jobs/importIds';
import { DEMO } from '../../src/simulators/acc/seed';
import { expectHealthy } from '../helpers/health';
import { CANCEL, IMPORT_FIELDS, MIB, PROGRESS, addPhoto, importPhoto, readImport } from '../helpers/imports';
import type { ImportView } from '../helpers/imports';
import { startRedis } from '../helpers/redis';
import type { TestRedis } from '../helpers/redis';
import { bearer, postGraphQL, startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';

/** The owner digest of the stacks' full-scope token (test/helpers/stack.ts signs it so). */
const EDITOR = importOwnerOf({ kind: 'token', sub: 'test-editor', clientId: 'mediagraph-tests', scopes: new Set(), expiresAt: 0 })!;
const ANOTHER_INSTANCE = 'abcdefabcdef';
const importIdOf = (owner: string, instance = ANOTHER_INSTANCE) => `${instance}.${owner}.material.${'0'.repeat(24)}`;

describe('imports without a shared cache', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('answers the id of an import another process ran, with no snapshot, FAILED IMPORT_LOST', async () => {
    const { body } = await readImport(stack, toGlobalId('AssetImport', importIdOf(EDITOR)));
    expect(body.errors).toBeUndefined();
    expect(body.data!.assetImport).toMatchObject({ source: 'MATERIAL', status: 'FAILED', asset: null, error: { code: 'IMPORT_LOST', message: expect.stringContaining('stopped') } });
  });

  it("answers such an id of someone else's, one this gateway never made, or a malformed one NOT_FOUND", async () => {
    const mine = await importPhoto(stack, (await addPhoto(stack, 1024)).id);
    const thisInstance = (fromGlobalId(mine.id).keys[0] ?? '').split('.')[0]!;
    for (const id of [importIdOf('0123456789abcdef'), importIdOf(EDITOR, thisInstance), 'nonsense']) {
      const { body } = await readImport(stack, toGlobalId('AssetImport', id));
      expect(body.data).toEqual({ assetImport: null });
      expect(body.errors?.map((error) => error.extensions?.['code'])).toEqual(['NOT_FOUND']);
    }
  });
});

describe('imports across two gateways sharing one Redis', () => {
  let redis: TestRedis;
  let inspector: Redis;
  let stack: TestStack;
  let replica: RunningApp;
  beforeAll(async () => {
    redis = await startRedis();
    inspector = new Redis(redis.url, { lazyConnect: true, keyPrefix: redis.keyPrefix });
    await inspector.connect();
    stack = await startStack({ env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.keyPrefix } });
    replica = await stack.replica();
  });
  afterEach(() => stack.assets.faults.clear());
  afterAll(async () => {
    await stack?.close();
    inspector?.disconnect();
    await redis?.stop();
  });

  const readAt = (url: string, id: string) =>
    postGraphQL<{ assetImport: ImportView | null }>(url, { query: `query($id: ID!) { assetImport(id: $id) { ${IMPORT_FIELDS} } }`, variables: { id } }, bearer(stack.tokens.full));

  it('lets the other replica read and follow an import from its snapshots, to its end, but not cancel it', async () => {
    const photo = await addPhoto(stack, MIB);
    stack.assets.faults.inject({ kind: 'latency', ms: 2_500 }, 1);
    const started = await importPhoto(stack, photo.id);
    const there = await readAt(replica.gateway.url, started.id);
    expect(there.body.data!.assetImport).toMatchObject({ id: started.id, status: 'RUNNING' });
    // Only the process holding the job can abort its requests.
    const cancelled = await postGraphQL<{ assetImportCancel: { assetImport: ImportView; userErrors: Array<{ code: string }> } }>(
      replica.gateway.url,
      { query: CANCEL, variables: { id: started.id } },
      bearer(stack.tokens.full),
    );
    expect(cancelled.body.data!.assetImportCancel).toMatchObject({ assetImport: { status: 'RUNNING' }, userErrors: [{ code: 'UNAVAILABLE' }] });

    const client = createClient({ url: replica.gateway.url.replace(/^http/, 'ws'), connectionParams: bearer(stack.tokens.full), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
    const seen: ImportView[] = [];
    try {
      for await (const result of client.iterate<{ assetImportProgress: ImportView }>({ query: PROGRESS, variables: { id: started.id } })) {
        expect(result.errors).toBeUndefined();
        seen.push(result.data!.assetImportProgress);
      }
    } finally {
      await client.dispose();
    }
    expect(seen[0]!.status).toBe('RUNNING');
    expect(seen.at(-1)).toMatchObject({ status: 'SUCCEEDED', bytesDone: MIB, asset: { key: expect.any(String) } });
  });

  it('answers a RUNNING snapshot whose heartbeat stopped FAILED IMPORT_LOST', async () => {
    const id = importIdOf(EDITOR);
    const stale = {
      id,
      owner: EDITOR,
      source: 'material',
      filename: 'lost.jpg',
      status: 'RUNNING',
      bytesDone: 10,
      totalBytes: 100,
      assetKey: null,
      error: null,
      createdAt: Date.now() - 60_000,
      startedAt: Date.now() - 60_000,
      endedAt: null,
      heartbeatAt: Date.now() - 30_000,
    };
    await inspector.set(`asset-import:${id}`, JSON.stringify(stale), 'PX', 60_000);
    const { body } = await readImport(stack, toGlobalId('AssetImport', id));
    expect(body.data!.assetImport).toMatchObject({ filename: 'lost.jpg', bytesDone: 10, status: 'FAILED', error: { code: 'IMPORT_LOST' } });
    // A fresh heartbeat: the process running it lives.
    await inspector.set(`asset-import:${id}`, JSON.stringify({ ...stale, heartbeatAt: Date.now() }), 'PX', 60_000);
    expect((await readImport(stack, toGlobalId('AssetImport', id))).body.data!.assetImport!.status).toBe('RUNNING');
  });

  it('records the imports a stopping gateway was running FAILED IMPORT_LOST, and its finished ones survive it', async () => {
    // Not one of the stack's replicas: this one is stopped here, and only once.
    const other = await startApp(loadConfig(stack.env));
    const photos = await Promise.all([addPhoto(stack, 1024), addPhoto(stack, MIB)]);
    const start = (photoId: string) =>
      postGraphQL<{ assetImport: { assetImport: ImportView } }>(
        other.gateway.url,
        { query: `mutation($input: AssetImportInput!) { assetImport(input: $input) { assetImport { id } } }`, variables: { input: { source: { photo: photoId } } } },
        { ...bearer(stack.tokens.full), 'x-acc-token': DEMO.token },
      );
    const finished = (await start(photos[0]!.id)).body.data!.assetImport.assetImport.id;
    await waitForStatus(other.gateway.url, finished, 'SUCCEEDED');
    stack.assets.faults.inject({ kind: 'latency', ms: 5_000 }, 1);
    const running = (await start(photos[1]!.id)).body.data!.assetImport.assetImport.id;
    await other.stop();

    expect((await readAt(stack.url, finished)).body.data!.assetImport!.status).toBe('SUCCEEDED');
    expect((await readAt(stack.url, running)).body.data!.assetImport).toMatchObject({
      status: 'FAILED',
      asset: null,
      error: { code: 'IMPORT_LOST', message: expect.stringContaining('gateway stopped') },
    });
    await expectHealthy(stack);
  });

  async function waitForStatus(url: string, id: string, status: string): Promise<void> {
    for (let tries = 0; tries < 200; tries += 1) {
      if ((await readAt(url, id)).body.data?.assetImport?.status === status) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`import ${id} never reached ${status}`);
  }
});
