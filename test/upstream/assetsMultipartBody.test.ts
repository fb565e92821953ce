import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { request } from 'undici';
import { ASSETS_DEMO, startAssetsSimulator } from '../../src/simulators/assets/server';
import type { AssetsSimulator } from '../../src/simulators/assets/server';
import { UPLOAD_BODY_HIGH_WATER_MARK, multipartBody } from '../../src/upstream/assets/multipartBody';
import { waitFor } from '../helpers/waitFor';

const MiB = 1024 * 1024;

/** The store's upload body as the gateway builds it, sent with undici to the real asset simulator. */
describe('the asset store upload body', () => {
  let store: AssetsSimulator;
  beforeAll(async () => {
    store = await startAssetsSimulator();
  });
  afterAll(() => store.close());

  function send(content: Readable) {
    const body = multipartBody({ name: 'survey.bin' }, { field: 'file', filename: 'survey.bin', contentType: 'application/octet-stream', content });
    return request(`${store.url}/api/v1/partner/asset/upload/private`, {
      method: 'POST',
      headers: { 'content-type': body.contentType, authorization: `Bearer ${ASSETS_DEMO.token}` },
      body: body.stream,
    });
  }

  it('passes a multi-MiB file in uneven chunks through to the store byte for byte', async () => {
    // Chunk sizes that straddle every buffer: 1 byte, odd sizes, and several times the high-water mark.
    const sizes = [1, 1000, 65_537, 3 * UPLOAD_BODY_HIGH_WATER_MARK + 7, 2 * MiB, 13, MiB + 1];
    const chunks = sizes.map((size) => randomBytes(size));
    const response = await send(Readable.from(chunks));
    const answer = (await response.body.json()) as { key: string; name: string };
    expect(response.statusCode).toBe(200);
    const stored = store.store.get(answer.key)!;
    expect(answer.name).toBe('survey.bin');
    expect(stored.size).toBe(sizes.reduce((sum, size) => sum + size, 0));
    expect(stored.sha256).toBe(chunks.reduce((hash, chunk) => hash.update(chunk), createHash('sha256')).digest('hex'));
  });

  it('aborts the body before its closing boundary when the file fails, so the store keeps nothing', async () => {
    const assetsBefore = store.store.size;
    const abortedBefore = store.abortedUploads;
    const uploadsSeen = () => store.requests.filter((r) => r.method === 'POST').length;
    const uploadsBefore = uploadsSeen();
    const content = new Readable({ read() {} });
    const response = send(content).catch((error: Error) => error);
    content.push(randomBytes(MiB));
    await waitFor(() => uploadsSeen() > uploadsBefore);
    content.destroy(new Error('the client went away'));
    expect(await response).toBeInstanceOf(Error);
    await waitFor(() => store.abortedUploads > abortedBefore);
    expect(store.store.size).toBe(assetsBefore);
  });

  it('reads the file no further ahead of the store than its buffers', async () => {
    let pulled = 0;
    const content = new Readable({
      highWaterMark: 64 * 1024,
      read() {
        pulled += 64 * 1024;
        this.push(Buffer.alloc(64 * 1024));
      },
    });
    const { stream } = multipartBody({ name: 'x' }, { field: 'file', filename: 'x', contentType: 'application/octet-stream', content });
    for (let turn = 0; turn < 50; turn++) await nextTurn();
    // Nobody reads the body: the file stops once the body's two sides (writable and readable)
    // and its own buffer are full.
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThanOrEqual(2 * UPLOAD_BODY_HIGH_WATER_MARK + 2 * 64 * 1024);
    stream.destroy();
    content.destroy();
  });
});
