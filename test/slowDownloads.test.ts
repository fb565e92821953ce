import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { ASSETS_DEMO } from '../src/simulators/assets/server';
import { expectHealthy } from './helpers/health';
import { sha256Of } from './helpers/multipart';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';
import { waitFor } from './helpers/waitFor';

const TIMEOUT_MS = 600;

/**
 * A file download is bounded by idle time, never by the JSON deadline: a slow vendor that keeps
 * sending arrives whole, one that stalls is cut.
 */
describe('slow downloads through the asset content route', () => {
  let stack: TestStack;
  let content: string;
  beforeAll(async () => {
    // The request timeout is shorter than the download too: it covers receiving the request only.
    stack = await startStack({ env: { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS), HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000' } });
    content = `${new URL(stack.url).origin}/assets/${ASSETS_DEMO.publicKey}/content`;
  });
  afterEach(() => stack.assets.faults.clear());
  afterAll(() => stack.close());

  it(`delivers every byte of a download that takes three times UPSTREAM_TIMEOUT_MS with no gap as long`, async () => {
    const body = randomBytes(160 * 1024);
    stack.assets.faults.inject({ kind: 'slowBody', body, chunkBytes: 16 * 1024, gapMs: 200 }, 1);
    const started = Date.now();
    const response = await request(content);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBe(String(body.length));
    const received = Buffer.from(await response.body.arrayBuffer());
    expect(Date.now() - started).toBeGreaterThan(3 * TIMEOUT_MS);
    expect(received.length).toBe(body.length);
    expect(sha256Of(received)).toBe(sha256Of(body));
    await expectHealthy(stack);
  });

  it('cuts a download whose vendor stalls for longer than the idle timeout, and stays healthy', async () => {
    stack.assets.faults.inject({ kind: 'slowBody', body: randomBytes(32 * 1024), chunkBytes: 16 * 1024, gapMs: 5_000 }, 1);
    const started = Date.now();
    const response = await request(content);
    expect(response.statusCode).toBe(200);
    await expect(response.body.arrayBuffer()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(4_000);
    await expectHealthy(stack);
  });

  it('stops reading from the store as soon as the client goes away mid-download', async () => {
    const cutBefore = stack.assets.faults.slowBodiesCut;
    // 64 chunks 50 ms apart: sent whole, the body takes over 3 s.
    stack.assets.faults.inject({ kind: 'slowBody', body: randomBytes(64 * 16 * 1024), chunkBytes: 16 * 1024, gapMs: 50 }, 1);
    const started = Date.now();
    const response = await request(content);
    expect(response.statusCode).toBe(200);
    for await (const chunk of response.body) {
      expect(chunk.length).toBeGreaterThan(0);
      break; // leaving the loop destroys the body: the client hangs up
    }
    await waitFor(() => stack.assets.faults.slowBodiesCut > cutBefore);
    expect(Date.now() - started).toBeLessThan(1_500);
    await expectHealthy(stack);
  });
});
