import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { GatewayError } from '../../src/errors';
import { UpstreamCallLog } from '../../src/upstream/http/callLog';
import { UNOBSERVED } from '../../src/upstream/http/callObserver';
import { vendorPath } from '../../src/upstream/http/path';
import { UpstreamHttp } from '../../src/upstream/http/upstreamHttp';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A real HTTP server on loopback whose behaviour each test sets. */
async function startVendor(): Promise<{ url: string; hits: string[]; handle(handler: Handler): void; close(): Promise<void> }> {
  let handler: Handler = (_req, res) => res.end('{}');
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    handle: (next) => {
      handler = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const schema = z.object({ ok: z.boolean() });

describe('UpstreamHttp', () => {
  let vendor: Awaited<ReturnType<typeof startVendor>>;
  let upstream: UpstreamHttp;
  beforeAll(async () => {
    vendor = await startVendor();
    upstream = new UpstreamHttp({ upstream: 'acc', baseUrl: `${vendor.url}/base/`, timeoutMs: 300, connections: 4 });
  });
  afterAll(async () => {
    await upstream.close();
    await vendor.close();
  });
  beforeEach(() => vendor.hits.splice(0));

  const call = (path = '/thing', headers?: Record<string, string>) =>
    upstream.requestJson({ method: 'GET', path, route: path, headers, schema, scope: { calls: new UpstreamCallLog() } });

  const failure = async (promise: Promise<unknown>): Promise<GatewayError> => {
    const error = await promise.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  };

  it('parses a JSON answer against the vendor model, under the base path', async () => {
    vendor.handle((_req, res) => res.end('{"ok":true,"extra":1}'));
    await expect(call('/a?')).resolves.toEqual({ ok: true });
    expect(vendor.hits).toEqual(['GET /base/a?']);
  });

  it.each([
    [400, 'BAD_USER_INPUT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [410, 'GONE'],
    [500, 'UPSTREAM_UNAVAILABLE'],
    [503, 'UPSTREAM_UNAVAILABLE'],
    [418, 'UPSTREAM_BAD_RESPONSE'],
  ])('maps HTTP %i to %s without copying the vendor body', async (status, code) => {
    vendor.handle((_req, res) => {
      res.statusCode = status;
      res.end('{"message":"secret-detail"}');
    });
    const error = await failure(call());
    expect(error.code).toBe(code);
    expect(error.details).toEqual({ upstream: 'acc', upstreamStatus: status });
    expect(error.message).not.toContain('secret-detail');
  });

  it('maps 429 to UPSTREAM_RATE_LIMITED with the vendor Retry-After', async () => {
    vendor.handle((_req, res) => {
      res.writeHead(429, { 'retry-after': '17' }).end();
    });
    const error = await failure(call());
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.details.retryAfterSeconds).toBe(17);
  });

  it('does not follow redirects', async () => {
    vendor.handle((req, res) => {
      if (req.url === '/base/elsewhere') return res.end('{"ok":true}');
      res.writeHead(302, { location: `${vendor.url}/base/elsewhere` }).end();
    });
    expect((await failure(call())).code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(vendor.hits).toEqual(['GET /base/thing']);
  });

  it('answers UPSTREAM_BAD_RESPONSE for malformed JSON and for bodies off the model', async () => {
    vendor.handle((_req, res) => res.end('{"ok":tru'));
    expect((await failure(call())).code).toBe('UPSTREAM_BAD_RESPONSE');
    vendor.handle((_req, res) => res.end('{"ok":"yes"}'));
    expect((await failure(call())).code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('refuses a JSON answer over its size cap instead of buffering it', async () => {
    const capped = new UpstreamHttp({ upstream: 'acc', baseUrl: vendor.url, timeoutMs: 1_000, connections: 1, maxJsonBytes: 1_000 });
    vendor.handle((_req, res) => res.end(JSON.stringify({ ok: true, padding: 'x'.repeat(5_000) })));
    const error = await failure(capped.requestJson({ method: 'GET', path: '/big', route: '/big', schema, scope: { calls: new UpstreamCallLog() } }));
    expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
    await capped.close();
  });

  it('gives up at the deadline with UPSTREAM_TIMEOUT', async () => {
    vendor.handle((_req, res) => setTimeout(() => res.end('{"ok":true}'), 1_000));
    const started = Date.now();
    expect((await failure(call())).code).toBe('UPSTREAM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('answers UPSTREAM_UNAVAILABLE when nothing listens', async () => {
    const closed = await startVendor();
    await closed.close();
    const gone = new UpstreamHttp({ upstream: 'acc', baseUrl: closed.url, timeoutMs: 1_000, connections: 1 });
    const error = await failure(gone.requestJson({ method: 'GET', path: '/', route: '/', schema, scope: { calls: new UpstreamCallLog() } }));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    await gone.close();
  });

  it('refuses header values with CR/LF before sending anything', async () => {
    const error = await failure(call('/thing', { authorization: 'Bearer a\r\nx-injected: 1' }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(vendor.hits).toEqual([]);
  });

  it('counts each call against the request that made it', async () => {
    vendor.handle((_req, res) => res.end('{"ok":true}'));
    const calls = new UpstreamCallLog();
    await upstream.requestJson({ method: 'GET', path: '/x', route: '/x', schema, scope: { calls } });
    await upstream.requestJson({ method: 'GET', path: '/y', route: '/y', schema, scope: { calls } });
    expect(calls.toJSON()).toEqual({ acc: 2, total: 2 });
  });

  it('answers UPSTREAM_BAD_RESPONSE for a 304 to a request that was not conditional, and passes one to a conditional request', async () => {
    vendor.handle((_req, res) => res.writeHead(304).end());
    const error = await failure(call());
    expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(error.details.upstreamStatus).toBe(304);
    const answer = await upstream.requestJsonResponse({
      method: 'GET',
      path: '/thing',
      route: '/thing',
      headers: { 'If-Modified-Since': new Date(0).toUTCString() },
      schema,
      scope: { calls: new UpstreamCallLog() },
    });
    expect(answer).toMatchObject({ status: 304, data: undefined });
  });

  it('streams an answer for longer than the deadline while no gap between chunks is longer', async () => {
    vendor.handle((_req, res) => {
      res.writeHead(200, { 'content-length': 8 });
      let sent = 0;
      const tick = setInterval(() => {
        res.write('x');
        sent += 1;
        if (sent < 8) return;
        clearInterval(tick);
        res.end();
      }, 100);
    });
    const started = Date.now();
    const response = await upstream.requestStream({ method: 'GET', path: '/file', route: '/file', scope: { calls: new UpstreamCallLog() } });
    expect(await response.body.text()).toBe('xxxxxxxx');
    expect(Date.now() - started).toBeGreaterThan(600);
  });

  it('cuts a streamed answer that stalls for longer than the idle timeout', async () => {
    vendor.handle((_req, res) => {
      res.writeHead(200, { 'content-length': 8 }).write('x');
    });
    const response = await upstream.requestStream({ method: 'GET', path: '/file', route: '/file', scope: { calls: new UpstreamCallLog() } });
    await expect(response.body.text()).rejects.toThrow(/timeout/i);
  });

  it('refuses to send the call past the operation\'s cap, without counting it as a vendor failure', async () => {
    const reported: string[] = [];
    const capped = new UpstreamHttp({
      upstream: 'acc',
      baseUrl: vendor.url,
      timeoutMs: 1_000,
      connections: 1,
      operationBudget: { calls: 2, responseBytes: Infinity },
      observer: { ...UNOBSERVED, failed: (_call, error) => reported.push(error.code) },
    });
    vendor.handle((_req, res) => res.end('{"ok":true}'));
    const calls = new UpstreamCallLog();
    const send = () => capped.requestJson({ method: 'GET', path: '/x', route: '/x', schema, scope: { calls } });
    await send();
    await send();
    expect((await failure(send())).code).toBe('UPSTREAM_CALL_LIMIT_EXCEEDED');
    expect(vendor.hits).toHaveLength(2);
    expect(calls.total).toBe(2);
    expect(reported).toEqual([]);
    // Another operation has its own budget.
    await expect(capped.requestJson({ method: 'GET', path: '/x', route: '/x', schema, scope: { calls: new UpstreamCallLog() } })).resolves.toEqual({ ok: true });
    await capped.close();
  });

  it('drops an answer that would pass the operation\'s memory budget and gives its bytes back', async () => {
    const budget = 10_000;
    const capped = new UpstreamHttp({ upstream: 'acc', baseUrl: vendor.url, timeoutMs: 1_000, connections: 2, operationBudget: { calls: 10, responseBytes: budget } });
    const calls = new UpstreamCallLog();
    const get = (bytes: number) => {
      vendor.handle((_req, res) => res.end(JSON.stringify({ ok: true, padding: 'x'.repeat(bytes) })));
      return capped.requestJson({ method: 'GET', path: '/x', route: '/x', schema, scope: { calls } });
    };
    await get(6_000);
    expect((await failure(get(6_000))).code).toBe('UPSTREAM_RESPONSE_BUDGET_EXCEEDED');
    // The dropped answer's bytes were given back: what is left of the budget still serves.
    await expect(get(3_000)).resolves.toEqual({ ok: true });
    await capped.close();
  });

  it('knows its own origin, to vet vendor next-page links', () => {
    expect(upstream.isOwnUrl(`${vendor.url}/base/next`)).toBe(true);
    expect(upstream.isOwnUrl('https://evil.example/base/next')).toBe(false);
    expect(upstream.isOwnUrl('not a url')).toBe(false);
  });
});

describe('vendorPath', () => {
  it('encodes each interpolated id as one segment, and names the route by its template', () => {
    expect(vendorPath`/projects/${'a/b?c#d'}/photos/${'x%2Fy'}`).toEqual({
      path: '/projects/a%2Fb%3Fc%23d/photos/x%252Fy',
      route: '/projects/{id}/photos/{id}',
    });
  });

  it.each(['', '.', '..', 'a\r\nb', 'a\u0000'])('refuses %j', (segment) => {
    expect(() => vendorPath`/projects/${segment}`).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
