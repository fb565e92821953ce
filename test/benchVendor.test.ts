/**
 * The benchmark's remembering vendor fronts (bench/rememberingVendor.ts) against the real
 * simulators: the answers are the simulator's own, links included, every call is counted, repeated
 * reads cost the simulator nothing, and the fixed latency still applies.
 */
import { request } from 'undici';
import { startRememberingVendor } from '../bench/rememberingVendor';
import type { BenchVendor } from '../bench/rememberingVendor';
import { startAccSimulator } from '../src/simulators/acc/server';
import type { AccSimulator } from '../src/simulators/acc/server';
import { DEMO } from '../src/simulators/acc/seed';
import { startContentHubSimulator } from '../src/simulators/contentHub/server';
import type { ContentHubSimulator } from '../src/simulators/contentHub/server';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { accPaths } from '../src/upstream/acc/model';
import { contentHubPaths } from '../src/upstream/contentHub/model';

const LATENCY_MS = 40;
const acc = { authorization: `Bearer ${DEMO.token}` };
const hub = { authorization: `Bearer ${CONTENT_HUB_DEMO.token}` };
const filterPath = accPaths.filter(DEMO.projectIds[0]).path;
const photoPath = `${accPaths.photo(DEMO.projectIds[0], DEMO.livePhotoId).path}?include=signedUrls`;

async function call(origin: string, path: string, options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown } = {}) {
  const started = Date.now();
  const response = await request(`${origin}${path}`, {
    method: options.method ?? 'GET',
    headers: { ...options.headers, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, ms: Date.now() - started };
}

describe('the benchmark vendor front', () => {
  let accSimulator: AccSimulator;
  let hubSimulator: ContentHubSimulator;
  let accFront: BenchVendor;
  let hubFront: BenchVendor;

  beforeEach(async () => {
    accSimulator = await startAccSimulator();
    hubSimulator = await startContentHubSimulator();
    accFront = await startRememberingVendor(accSimulator, LATENCY_MS);
    hubFront = await startRememberingVendor(hubSimulator, LATENCY_MS);
  });

  afterEach(async () => {
    await Promise.all([accFront.close(), hubFront.close()]);
  });

  it("answers with the simulator's own status, headers and body, its links on the front's origin", async () => {
    const page = { method: 'POST' as const, headers: acc, body: { limit: 5 } };
    const direct = await call(accSimulator.url, filterPath, page);
    const fronted = await call(accFront.url, filterPath, page);
    expect(fronted.status).toBe(200);
    expect(fronted.text).toBe(direct.text.replaceAll(accSimulator.url, accFront.url));
    expect(fronted.text).toContain(accFront.url);
    expect(fronted.headers['content-type']).toBe(direct.headers['content-type']);

    const order = contentHubPaths.order(String(CONTENT_HUB_DEMO.firstOrderId)).path;
    const directOrder = await call(hubSimulator.url, order, { headers: hub });
    const frontedOrder = await call(hubFront.url, order, { headers: hub });
    expect(frontedOrder.text).toBe(directOrder.text.replaceAll(hubSimulator.url, hubFront.url));
    expect(frontedOrder.headers['last-modified']).toBe(directOrder.headers['last-modified']);
    // A conditional read is a read of its own: the simulator's 304, not the remembered 200.
    const conditional = await call(hubFront.url, order, { headers: { ...hub, 'if-modified-since': String(directOrder.headers['last-modified']) } });
    expect(conditional.status).toBe(304);
  });

  it('signs URLs that work through the front', async () => {
    const photo = JSON.parse((await call(accFront.url, photoPath, { headers: acc })).text) as { signedUrls: { fileUrl: string } };
    expect(photo.signedUrls.fileUrl.startsWith(`${accFront.url}/`)).toBe(true);
    const file = await call(accFront.url, photo.signedUrls.fileUrl.slice(accFront.url.length));
    expect(file.status).toBe(200);
  });

  it('counts every call and asks the simulator once per distinct read, even when the first asks overlap', async () => {
    await Promise.all(Array.from({ length: 5 }, () => call(accFront.url, photoPath, { headers: acc })));
    await call(accFront.url, photoPath, { headers: acc });
    expect(accFront.requests).toBe(6);
    expect(accSimulator.requests).toHaveLength(1);

    // Another caller's token is another read: the simulator's refusal, not the remembered photo.
    const stranger = await call(accFront.url, photoPath, { headers: { authorization: 'Bearer someone-else' } });
    expect(stranger.status).toBe(403);
    expect(accSimulator.requests).toHaveLength(2);

    accFront.resetRequests();
    expect(accFront.requests).toBe(0);
  });

  it('sends anything but a read to the simulator every time', async () => {
    const write = { method: 'POST' as const, headers: acc, body: { title: 'x' } };
    const path = `/construction/photos/v1/projects/${DEMO.projectIds[0]}/photos`;
    const first = await call(accFront.url, path, write);
    await call(accFront.url, path, write);
    expect(accSimulator.requests).toHaveLength(2);
    expect(first.status).toBe((await call(accSimulator.url, path, write)).status);
  });

  it('answers after the fixed latency whether it remembers the answer or not', async () => {
    const first = await call(accFront.url, photoPath, { headers: acc });
    const again = await call(accFront.url, photoPath, { headers: acc });
    expect(first.ms).toBeGreaterThanOrEqual(LATENCY_MS - 1);
    expect(again.ms).toBeGreaterThanOrEqual(LATENCY_MS - 1);
  });
});
