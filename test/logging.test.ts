import { request } from 'undici';
import { DEMO } from '../src/simulators/acc/seed';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { startGatewayProcess } from './helpers/gatewayProcess';
import { captureLogs } from './helpers/logCapture';
import { bearer, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

/** The only token the ACC simulator accepts here: it must reach ACC and no log line. */
const ACC_SECRET = 'acc-secret-4f9b2e7c1d';
const REFUSED_SECRET = 'refused-secret-8a1c3e5f';
/** An access token the gateway refuses (not one its issuer signed), and a cookie. */
const FORGED_TOKEN = 'authorization-secret-5d2f';
const COOKIE_SECRET = 'cookie-secret-9e4b';

const PHOTO_PAGE = `query PhotoPage($p: ID!) { project(id: $p) { photos(first: 2) { nodes { photoId } } } }`;

describe('logs', () => {
  const { logger, raw, lines } = captureLogs();
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ logger, acc: { tokens: [ACC_SECRET] } });
  });
  afterAll(() => stack.close());
  afterEach(() => stack.acc.faults.clear());

  const ofRequest = (reqId: string) => lines().filter((line) => line.reqId === reqId);
  const photos = (headers: Record<string, string>) => stack.graphql(PHOTO_PAGE, { p: DEMO.projectIds[0] }, headers);

  it('are JSON lines under the caller’s x-request-id, echoed back: one line per request, the operation’s fields on it', async () => {
    const response = await request(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(stack.tokens.full), 'x-acc-token': ACC_SECRET, 'x-request-id': 'client-req-0001' },
      body: JSON.stringify({ query: PHOTO_PAGE, variables: { p: DEMO.projectIds[0] } }),
    });
    await response.body.dump();
    expect(response.headers['x-request-id']).toBe('client-req-0001');

    expect(ofRequest('client-req-0001')).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        pid: process.pid,
        hostname: expect.any(String),
        reqId: 'client-req-0001',
        method: 'POST',
        path: '/graphql',
        status: 200,
        durationMs: expect.any(Number),
        remoteAddress: '127.0.0.1',
        // Who called, by the token's subject and client, never by the token.
        caller: 'token',
        sub: 'test-editor',
        clientId: 'mediagraph-tests',
        operation: 'PhotoPage',
        type: 'query',
        outcome: 'success',
        upstreamCalls: { acc: 1, total: 1 },
        msg: 'request completed',
      },
    ]);
  });

  it('gives a request that never reaches GraphQL one line too: method, path, status, time, the caller when known and the code', async () => {
    const origin = new URL(stack.url).origin;
    const send = async (id: string, path: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}) => {
      const response = await request(`${origin}${path}`, { ...init, headers: { ...init.headers, 'x-request-id': id } });
      await response.body.dump();
      return response.statusCode;
    };
    const json = { 'content-type': 'application/json' };
    expect(await send('refused-token', '/graphql', { method: 'POST', headers: { ...json, authorization: `Bearer ${FORGED_TOKEN}` }, body: '{"query":"{ __typename }"}' })).toBe(401);
    expect(await send('too-large', '/graphql', { method: 'POST', headers: json, body: JSON.stringify({ query: `{ __typename }${' '.repeat(1024 * 1024)}` }) })).toBe(413);
    const multipart = { 'content-type': 'multipart/form-data; boundary=b', ...bearer(stack.tokens.full) };
    expect(await send('multipart', '/graphql', { method: 'POST', headers: multipart, body: '--b--\r\n' })).toBe(400);
    expect(await send('asset-link', '/assets/demo-private-brief/content?expires=1&signature=forged', { headers: bearer(stack.tokens.full) })).toBe(403);
    expect(await send('unknown-path', '/nothing/here?x=1')).toBe(404);
    stack.assets.faults.inject({ kind: 'reset' });
    try {
      expect(await send('asset-vendor-down', '/assets/demo-private-brief/content', { headers: bearer(stack.tokens.full) })).toBe(502);
    } finally {
      stack.assets.faults.clear();
    }
    expect(await send('probe', '/healthz')).toBe(200);

    const line = (reqId: string, fields: Record<string, unknown>, level = 'info') => [
      { level, time: expect.any(String), pid: process.pid, hostname: expect.any(String), reqId, durationMs: expect.any(Number), remoteAddress: '127.0.0.1', msg: 'request completed', ...fields },
    ];
    const editor = { caller: 'token', sub: 'test-editor', clientId: 'mediagraph-tests' };
    expect(ofRequest('refused-token')).toEqual(line('refused-token', { method: 'POST', path: '/graphql', status: 401, code: 'UNAUTHENTICATED' }));
    expect(ofRequest('too-large')).toEqual(line('too-large', { method: 'POST', path: '/graphql', status: 413, caller: 'anonymous', code: 'PAYLOAD_TOO_LARGE' }));
    expect(ofRequest('multipart')).toEqual(line('multipart', { method: 'POST', path: '/graphql', status: 400, ...editor, code: 'BAD_REQUEST' }));
    expect(ofRequest('asset-link')).toEqual(line('asset-link', { method: 'GET', path: '/assets/demo-private-brief/content', status: 403, ...editor, code: 'FORBIDDEN' }));
    expect(ofRequest('unknown-path')).toEqual(line('unknown-path', { method: 'GET', path: '/nothing/here', status: 404 }));
    // A 5xx is an error line; the vendor's failure has a warning of its own.
    const vendorDown = ofRequest('asset-vendor-down');
    expect(vendorDown.filter((entry) => entry.msg === 'request completed')).toEqual(
      line('asset-vendor-down', { method: 'GET', path: '/assets/demo-private-brief/content', status: 502, ...editor, code: 'UPSTREAM_UNAVAILABLE' }, 'error'),
    );
    expect(vendorDown).toContainEqual(expect.objectContaining({ level: 'warn', vendor: 'assets', code: 'UPSTREAM_UNAVAILABLE' }));
    // Probes are counted in the metrics, not logged.
    expect(ofRequest('probe')).toEqual([]);
  });

  it('replaces an id that is not short and plain with a new UUID', async () => {
    for (const incoming of ['has spaces and "quotes"', 'x'.repeat(200)]) {
      const response = await request(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': incoming }, body: '{"query":"{ __typename }"}' });
      await response.body.dump();
      const id = String(response.headers['x-request-id']);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(ofRequest(id).length).toBeGreaterThan(0);
      expect(raw.join('')).not.toContain(incoming);
    }
  });

  it('puts the request id on GraphQL error lines and vendor failure warnings', async () => {
    stack.acc.faults.inject({ kind: 'malformedJson' });
    const { body } = await photos({ 'x-acc-token': ACC_SECRET, 'x-request-id': 'client-req-fault' });
    expect(body.errors![0]!.extensions!.code).toBe('UPSTREAM_BAD_RESPONSE');

    const mine = ofRequest('client-req-fault');
    expect(mine).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        vendor: 'acc',
        method: 'POST',
        route: '/construction/photos/v1/projects/{id}/photos:filter',
        code: 'UPSTREAM_BAD_RESPONSE',
        upstreamStatus: 200,
      }),
    );
    expect(mine).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/^graphql error: /), code: 'UPSTREAM_BAD_RESPONSE', path: 'project.photos', operation: 'PhotoPage' }),
    );
    // The error lines stay lines of their own (a stack for a bug, a level by code); the request has one line still.
    expect(mine.filter((line) => line.msg === 'request completed')).toEqual([
      expect.objectContaining({ level: 'info', status: 200, operation: 'PhotoPage', outcome: 'partial', errorCodes: ['UPSTREAM_BAD_RESPONSE'], upstreamCalls: { acc: 1, total: 1 } }),
    ]);
  });

  it('never prints a token or credential header, on success or on any error path', async () => {
    const cookie = { cookie: `session=${COOKIE_SECRET}` };
    // With the caller's access token: accepted, refused by ACC (403), malformed (not a bearer
    // token), and through a vendor fault.
    await photos({ 'x-acc-token': ACC_SECRET, ...cookie });
    expect((await photos({ 'x-acc-token': `Bearer ${REFUSED_SECRET}`, ...cookie })).body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await photos({ 'x-acc-token': `${REFUSED_SECRET} !`, ...cookie })).body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    stack.acc.faults.inject({ kind: 'reset' });
    expect((await photos({ 'x-acc-token': ACC_SECRET, ...cookie })).body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    // Access tokens the gateway refuses as a whole (401): forged, and signed by its issuer but expired.
    const expired = await stack.issuer.sign({ sub: 'test-editor' }, { expiresInSeconds: -3600 });
    for (const refused of [FORGED_TOKEN, expired]) {
      const { status, body } = await photos({ authorization: `Bearer ${refused}`, 'x-acc-token': ACC_SECRET, ...cookie });
      expect({ status, code: body.errors![0]!.extensions!.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    }
    // An asset link's signature is a credential too.
    await (await request(`${new URL(stack.url).origin}/assets/demo-private-brief/content?expires=1&signature=sig-secret-77aa`, { headers: { ...bearer(stack.tokens.full), ...cookie } })).body.dump();

    const all = raw.join('\n');
    expect(lines().some((line) => line.level === 'warn')).toBe(true);
    // A JWT's signature is what makes it a credential: no line may carry it, with or without the rest.
    const signatureOf = (jwt: string) => jwt.split('.')[2]!;
    const accessTokens = [stack.tokens.full, signatureOf(stack.tokens.full), expired, signatureOf(expired)];
    for (const secret of [ACC_SECRET, REFUSED_SECRET, FORGED_TOKEN, COOKIE_SECRET, ...accessTokens, 'sig-secret-77aa', MATERIALS_DEMO.token]) {
      expect(all).not.toContain(secret);
    }
  });

  it('redacts credential headers and token fields that a log call is handed', () => {
    const { logger, raw: captured } = captureLogs('info');
    logger.info({ headers: { 'x-acc-token': ACC_SECRET, authorization: `Bearer ${ACC_SECRET}` }, vendor: { token: ACC_SECRET } }, 'handed a secret');
    expect(captured).toHaveLength(1);
    expect(captured[0]).not.toContain(ACC_SECRET);
    expect(JSON.parse(captured[0]!)).toMatchObject({ headers: { 'x-acc-token': '[redacted]', authorization: '[redacted]' }, vendor: { token: '[redacted]' } });
  });
});

describe('the gateway process (npm start)', () => {
  it('logs JSON lines on stdout, from its URL to its drain on SIGTERM, and exits 0', async () => {
    const stack = await startStack();
    try {
      const gateway = await startGatewayProcess({ ...stack.env, LOG_LEVEL: 'info' });
      const response = await request(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'process-req-1' },
        body: '{"query":"{ __typename }"}',
      });
      await response.body.dump();
      expect(response.headers['x-request-id']).toBe('process-req-1');
      expect(await gateway.stop()).toBe(0);

      expect(gateway.logs.filter((line) => 'unparsed' in line)).toEqual([]);
      const messages = gateway.logs.map((line) => String(line.msg));
      expect(gateway.logs[0]).toMatchObject({ level: 'info', url: gateway.url, mode: 'test', msg: expect.stringContaining('GraphQL at') });
      expect(gateway.logs).toContainEqual(expect.objectContaining({ reqId: 'process-req-1', msg: 'request completed' }));
      expect(messages).toContain('SIGTERM: draining in-flight requests…');
      for (const line of gateway.logs) expect(line.time).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    } finally {
      await stack.close();
    }
  });
});
