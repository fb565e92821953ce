import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { GatewayError } from '../../src/errors';
import { UpstreamCallLog } from '../../src/upstream/http/callLog';
import { UpstreamHttp } from '../../src/upstream/http/upstreamHttp';

/** A vendor that answers the statuses it is told to, in order, then 200. */
async function scriptedVendor() {
  const script: number[] = [];
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const status = script.shift() ?? 200;
    res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '3' } : {}) });
    res.end(status === 200 ? '{"ok":true}' : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    script,
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const schema = z.object({ ok: z.boolean() });

describe('retries and the circuit breaker', () => {
  let vendor: Awaited<ReturnType<typeof scriptedVendor>>;
  let upstream: UpstreamHttp;
  beforeEach(async () => {
    vendor = await scriptedVendor();
    upstream = new UpstreamHttp({
      upstream: 'materials',
      baseUrl: vendor.url,
      timeoutMs: 1_000,
      connections: 2,
      resilience: { retries: 1, retryDelayMs: 5, breakerFailures: 3, breakerHalfOpenMs: 300 },
    });
  });
  afterEach(async () => {
    await upstream.close();
    await vendor.close();
  });

  const get = () => upstream.requestJson({ method: 'GET', path: '/x', route: '/x', schema, scope: { calls: new UpstreamCallLog() } });
  const post = () => upstream.requestJson({ method: 'POST', path: '/x', route: '/x', body: { json: {} }, schema, scope: { calls: new UpstreamCallLog() } });
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: unknown) => (error instanceof GatewayError ? error.code : String(error)),
    );

  it.each([502, 503, 504])('retries an idempotent GET once after %i', async (status) => {
    vendor.script.push(status);
    await expect(get()).resolves.toEqual({ ok: true });
    expect(vendor.hits).toHaveLength(2);
  });

  it('gives up after one retry', async () => {
    vendor.script.push(503, 503, 503);
    expect(await codeOf(get())).toBe('UPSTREAM_UNAVAILABLE');
    expect(vendor.hits).toHaveLength(2);
  });

  it.each([
    ['a POST', () => post(), 503],
    ['a 500', () => get(), 500],
    ['a 429', () => get(), 429],
  ])('never retries %s', async (_what, call, status) => {
    vendor.script.push(status);
    expect(await codeOf(call())).not.toBe('ok');
    expect(vendor.hits).toHaveLength(1);
  });

  it('opens after consecutive vendor failures, fails fast without calling, then lets a trial call through', async () => {
    vendor.script.push(500, 500, 500);
    for (let call = 0; call < 3; call += 1) expect(await codeOf(post())).toBe('UPSTREAM_UNAVAILABLE');
    expect(vendor.hits).toHaveLength(3);
    const fast = Date.now();
    const error = await post().catch((reason: GatewayError) => reason);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((error as GatewayError).message).toContain('paused');
    expect(Date.now() - fast).toBeLessThan(50);
    expect(vendor.hits).toHaveLength(3);
    await sleep(350);
    await expect(post()).resolves.toEqual({ ok: true });
    await expect(post()).resolves.toEqual({ ok: true });
    expect(vendor.hits).toHaveLength(5);
  });

  it('does not count client errors against the vendor', async () => {
    vendor.script.push(404, 404, 404, 404);
    for (let call = 0; call < 4; call += 1) expect(await codeOf(get())).toBe('NOT_FOUND');
    await expect(get()).resolves.toEqual({ ok: true });
    expect(vendor.hits).toHaveLength(5);
  });
});
