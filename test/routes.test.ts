import net from 'node:net';
import { request } from 'undici';
import { expectHealthy } from './helpers/health';
import { bearer, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const JSON_BODY_LIMIT = 4096;
const JSON_BODY_TIMEOUT_MS = 600;
const SANDBOX_ORIGIN = 'https://studio.apollographql.com';

/** A raw HTTP/1.1 connection: what the server wrote, and whether it closed the socket. */
interface RawConnection {
  socket: net.Socket;
  received(): string;
  /** Resolves once `text` has arrived (or rejects after `ms`). */
  waitFor(text: string, ms?: number): Promise<void>;
  closed: Promise<void>;
}

function connect(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const closed = new Promise<void>((onClose) => socket.once('close', () => onClose()));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined); // a reset by the server shows as `close`
    const waitFor = (expected: string, ms = 5_000) =>
      new Promise<void>((done, fail) => {
        const started = Date.now();
        const check = setInterval(() => {
          if (text.includes(expected)) done();
          else if (Date.now() - started > ms) fail(new Error(`not received within ${ms} ms: ${expected}; got ${text}`));
          else return;
          clearInterval(check);
        }, 10);
      });
    socket.once('connect', () => resolve({ socket, received: () => text, waitFor, closed }));
    socket.once('error', reject);
  });
}

describe('the node:http request path', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({
      env: { NODE_ENV: 'development', JSON_BODY_LIMIT_BYTES: String(JSON_BODY_LIMIT), HTTP_JSON_BODY_TIMEOUT_MS: String(JSON_BODY_TIMEOUT_MS) },
    });
  });
  afterAll(() => stack.close());

  const origin = () => new URL(stack.url).origin;
  const port = () => Number(new URL(stack.url).port);
  const vendorCalls = () => stack.acc.requests.length + stack.materials.requests.length + stack.contentHub.requests.length + stack.assets.requests.length;
  const postHeaders = (length: number | 'chunked') =>
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${stack.tokens.full}\r\nContent-Type: application/json\r\n` +
    (length === 'chunked' ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${length}\r\n\r\n`);

  it('answers unknown paths 404 and other methods on known paths 405 with Allow, in a JSON shape', async () => {
    for (const path of ['/nothing/here', '/graphql/more', '/assets//content', '/assets/a/b/content', '/']) {
      const response = await request(origin() + path);
      expect({ path, status: response.statusCode, type: response.headers['content-type'] }).toEqual({ path, status: 404, type: 'application/json; charset=utf-8' });
      expect(await response.body.json()).toEqual({ errors: [{ message: 'No route serves this path.', extensions: { code: 'NOT_FOUND' } }] });
    }
    const probe = await request(`${origin()}/healthz`, { method: 'POST', body: '{}' });
    expect(probe.statusCode).toBe(405);
    expect(probe.headers.allow).toBe('GET, HEAD');
    expect(await probe.body.json()).toMatchObject({ errors: [{ extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
    const head = await request(`${origin()}/healthz`, { method: 'HEAD' });
    expect(head.statusCode).toBe(200);
    await head.body.dump();
    // /graphql leaves the methods it does not serve to Apollo, which answers as it always has.
    const put = await request(stack.url, { method: 'PUT', headers: { 'content-type': 'application/json', ...bearer(stack.tokens.full) }, body: '{}' });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe('GET, POST');
    expect(await put.body.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    await expectHealthy(stack);
  });

  it('answers an asset key that is not a valid percent-encoding 400, without asking the vendor', async () => {
    const before = vendorCalls();
    const response = await request(`${origin()}/assets/%E0%A4%A/content`);
    expect(response.statusCode).toBe(400);
    expect(await response.body.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'The asset key is not a valid percent-encoding.' } });
    expect(vendorCalls()).toBe(before);
    // A well-formed encoded key still reaches the store, decoded: an unknown one is its 404.
    const unknown = await request(`${origin()}/assets/no%20such%20key/content`);
    expect(unknown.statusCode).toBe(404);
    expect(await unknown.body.json()).toEqual({ error: { code: 'NOT_FOUND' } });
    expect(stack.assets.requests.at(-1)?.path).toContain('no%20such%20key');
    await expectHealthy(stack);
  });

  it('answers a JSON body announced over the limit 413 PAYLOAD_TOO_LARGE before a byte of it is sent', async () => {
    const before = vendorCalls();
    const connection = await connect(port());
    connection.socket.write(postHeaders(JSON_BODY_LIMIT + 1));
    await connection.waitFor('"code":"PAYLOAD_TOO_LARGE"');
    expect(connection.received()).toMatch(/^HTTP\/1\.1 413 /);
    // The body that follows is drained: the connection serves the next request.
    connection.socket.write('x'.repeat(JSON_BODY_LIMIT + 1));
    connection.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await connection.waitFor('{"status":"ok"}');
    connection.socket.destroy();
    expect(vendorCalls()).toBe(before);
    await expectHealthy(stack);
  });

  it('answers a chunked JSON body that grows past the limit 413, and one under it normally', async () => {
    const connection = await connect(port());
    connection.socket.write(postHeaders('chunked'));
    const chunk = 'x'.repeat(1024);
    for (let i = 0; i < 5; i++) connection.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    await connection.waitFor('"code":"PAYLOAD_TOO_LARGE"');
    expect(connection.received()).toMatch(/^HTTP\/1\.1 413 /);
    connection.socket.destroy();

    const fits = await connect(port());
    const body = JSON.stringify({ query: '{ __typename }' });
    fits.socket.write(`${postHeaders('chunked')}${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
    await fits.waitFor('{"data":{"__typename":"Query"}');
    expect(fits.received()).toMatch(/^HTTP\/1\.1 200 /);
    fits.socket.destroy();
  });

  it('cuts a chunked JSON body trickled past HTTP_JSON_BODY_TIMEOUT_MS with 408 REQUEST_TIMEOUT and closes the connection', async () => {
    const connection = await connect(port());
    const started = Date.now();
    connection.socket.write(`${postHeaders('chunked')}1\r\n{\r\n`);
    const trickle = setInterval(() => connection.socket.writable && connection.socket.write('1\r\n \r\n'), 100);
    await connection.closed;
    clearInterval(trickle);
    expect(Date.now() - started).toBeGreaterThanOrEqual(JSON_BODY_TIMEOUT_MS - 50);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(connection.received()).toContain('"code":"REQUEST_TIMEOUT"');
    await expectHealthy(stack);
  });

  it('answers a CORS preflight on /graphql itself, before authentication, and exposes the request id', async () => {
    const preflight = await request(stack.url, {
      method: 'OPTIONS',
      headers: { origin: SANDBOX_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,apollo-require-preflight' },
    });
    await preflight.body.dump();
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SANDBOX_ORIGIN);
    expect(String(preflight.headers['access-control-allow-methods']).split(',')).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(preflight.headers['access-control-max-age']).toBe('600');
    expect(preflight.headers['www-authenticate']).toBeUndefined();

    const post = await request(stack.url, {
      method: 'POST',
      headers: { origin: SANDBOX_ORIGIN, 'content-type': 'application/json', ...bearer(stack.tokens.full) },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.statusCode).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBe(SANDBOX_ORIGIN);
    expect(post.headers['access-control-expose-headers']).toBe('x-request-id');
    expect(await post.body.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('passes other content types to Apollo unread, which answers its CSRF rule and its 400', async () => {
    const simple = await request(stack.url, { method: 'POST', headers: { 'content-type': 'text/plain', ...bearer(stack.tokens.full) }, body: '{ __typename }' });
    expect(simple.statusCode).toBe(400);
    expect(await simple.body.text()).toMatch(/CSRF/);
    const preflighted = await request(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'true', ...bearer(stack.tokens.full) },
      body: '{ __typename }',
    });
    expect(preflighted.statusCode).toBe(400);
    expect(await preflighted.body.text()).toMatch(/invalid Content-Type/);
    await expectHealthy(stack);
  });

  it('serves the landing page to a browser on GET /graphql, and GET operations through Apollo', async () => {
    const page = await request(stack.url, { headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(await page.body.text()).toContain('embeddable-sandbox');
    const get = await request(`${stack.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { ...bearer(stack.tokens.full), 'apollo-require-preflight': 'true' } });
    expect(get.statusCode).toBe(200);
    expect(await get.body.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});
