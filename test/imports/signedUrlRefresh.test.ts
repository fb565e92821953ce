import { MIB, addPhoto, awaitImport, importPhoto } from '../helpers/imports';
import { startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';

/** Signed URLs that stop working after this; the store holds each upload longer. */
const SIGNED_URL_SECONDS = 1;
const STORE_LATENCY_MS = 2_000;

describe('a queued photo import whose signed URL expired while it waited', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ acc: { signedUrlLifetimeSeconds: SIGNED_URL_SECONDS }, env: { IMPORT_MAX_RUNNING_PER_CALLER: '1' } });
  });
  afterAll(() => stack.close());

  it('asks ACC for a fresh signed URL when it starts, and imports the photo byte for byte', async () => {
    stack.assets.faults.inject({ kind: 'latency', ms: STORE_LATENCY_MS });
    const [first, second] = await Promise.all([addPhoto(stack, MIB), addPhoto(stack, MIB)]);
    const running = await importPhoto(stack, first.id);
    const waiting = await importPhoto(stack, second.id);
    expect([running.status, waiting.status]).toEqual(['RUNNING', 'QUEUED']);

    const done = await awaitImport(stack, waiting.id);
    stack.assets.faults.clear();
    expect(done).toMatchObject({ status: 'SUCCEEDED', error: null });
    const stored = stack.assets.store.get(done.asset!.key)!;
    expect(stored.sha256).toBe(second.sha256);
    // The lookup, then a fresh signed URL when the import started, then the file itself.
    const calls = stack.acc.requests.filter((recorded) => recorded.path.includes(second.photoId)).map((recorded) => recorded.path.startsWith('/oss/') ? 'file' : 'photo');
    expect(calls).toEqual(['photo', 'photo', 'file']);
  });
});
