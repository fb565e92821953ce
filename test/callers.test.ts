import { request } from 'undici';
import { ALL_SCOPES } from '../src/auth/scopes';
import { toGlobalId } from '../src/graphql/relay/globalId';
import { DEMO } from '../src/simulators/acc/seed';
import { startIssuerSimulator } from '../src/simulators/issuer/server';
import { expectHealthy } from './helpers/health';
import { hmacWithPublicKey, nowSeconds, unsigned } from './helpers/forgedTokens';
import { captureLogs } from './helpers/logCapture';
import { postGraphQL, startStack } from './helpers/stack';
import type { GraphQLResponse, TestStack } from './helpers/stack';

const READ_ALL = /* GraphQL */ `
  query ReadAll($p: ID!) {
    order(id: "ORD-1001") { assignment(id: "A1") { materials(productType: VIDEO) { totalCount } } }
    downloadOrder(id: "1001") { orderId }
    project(id: $p) { photos(first: 1) { nodes { photoId } } }
  }
`;
const CREATE_ORDER = /* GraphQL */ `
  mutation Create { downloadOrderCreate(input: { name: "by-scope", assets: [{ assetId: "42", download: { renditions: ["original"] } }] }) { downloadOrder { orderId } userErrors { code } } }
`;
const PRIVATE_ASSET = /* GraphQL */ `{ asset(key: "demo-private-brief") { contentUrl } }`;

type Codes = Array<[string | undefined, unknown]>;
const codesOf = (response: GraphQLResponse): Codes =>
  (response.body.errors ?? []).map((error): [string | undefined, unknown] => [error.path?.join('.'), error.extensions?.code]).sort();

/** Vendor calls the simulators received since the last look, by vendor. */
function vendorCalls(stack: TestStack): Record<string, number> {
  return {
    acc: stack.acc.requests.splice(0).length,
    materials: stack.materials.requests.splice(0).length,
    assets: stack.assets.requests.splice(0).length,
    contentHub: stack.contentHub.requests.splice(0).length,
  };
}
const NO_CALLS = { acc: 0, materials: 0, assets: 0, contentHub: 0 };
const allScopesBut = (missing: string) => ALL_SCOPES.filter((scope) => scope !== missing).join(' ');

describe('callers over HTTP', () => {
  let stack: TestStack;
  const logs = captureLogs('info');
  beforeAll(async () => {
    stack = await startStack({ logger: logs.logger });
  });
  afterAll(() => stack.close());
  beforeEach(() => vendorCalls(stack));

  const as = (token: string | undefined, query: string, variables?: Record<string, unknown>) =>
    stack.graphql(query, variables, { authorization: token === undefined ? '' : `Bearer ${token}` });
  const scoped = (scope: string, expiresInSeconds = 600) => stack.issuer.sign({ sub: `holder of ${scope || 'nothing'}`, client_id: 'web', scope }, { expiresInSeconds });

  it('serves an anonymous caller nothing guarded: null and UNAUTHENTICATED at each field, no vendor call', async () => {
    const response = await as(undefined, READ_ALL, { p: DEMO.projectIds[0] });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ order: null, downloadOrder: null, project: null });
    expect(codesOf(response)).toEqual([
      ['downloadOrder', 'UNAUTHENTICATED'],
      ['order', 'UNAUTHENTICATED'],
      ['project', 'UNAUTHENTICATED'],
    ]);
    expect(vendorCalls(stack)).toEqual(NO_CALLS);
  });

  it('answers what the scopes allow, refuses the rest with FORBIDDEN at its path, and calls only the allowed vendors', async () => {
    const response = await stack.graphql(
      `query($p: ID!) { order(id: "ORD-1001") { assignment(id: "A1") { materials(productType: VIDEO) { totalCount } } } project(id: $p) { projectId } d: downloadOrder(id: "1001") { orderId } }`,
      { p: DEMO.projectIds[0] },
      { authorization: `Bearer ${await scoped('download-orders:read')}` },
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ order: null, project: { projectId: DEMO.projectIds[0] }, d: { orderId: '1001' } });
    expect(codesOf(response)).toEqual([['order', 'FORBIDDEN']]);
    expect(response.body.errors![0]!.extensions!.requiredScopes).toEqual([['materials:read']]);
    expect(vendorCalls(stack)).toMatchObject({ materials: 0, contentHub: 1 });
  });

  it('lets the read-only demo caller read but not create: no order is made', async () => {
    expect((await as(stack.tokens.readOnly, READ_ALL, { p: DEMO.projectIds[0] })).body.errors).toBeUndefined();
    vendorCalls(stack);
    const refused = await as(stack.tokens.readOnly, CREATE_ORDER);
    expect(refused.status).toBe(200);
    expect(refused.body.data).toBeNull();
    expect(codesOf(refused)).toEqual([['downloadOrderCreate', 'FORBIDDEN']]);
    expect(vendorCalls(stack)).toEqual(NO_CALLS);
  });

  it('lets a write-only caller create an order, and reads the payload’s order only with download-orders:read', async () => {
    const response = await as(await scoped('download-orders:write'), CREATE_ORDER);
    expect(response.body.data).toEqual({ downloadOrderCreate: { downloadOrder: null, userErrors: [] } });
    expect(codesOf(response)).toEqual([['downloadOrderCreate.downloadOrder', 'FORBIDDEN']]);
    expect(stack.contentHub.requests.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('names the caller (sub and client id, never the token) on each request’s log line', async () => {
    const token = await stack.issuer.sign({ sub: 'user-1042', client_id: 'ops-console', scope: 'download-orders:write download-orders:read' });
    await as(token, CREATE_ORDER);
    const line = logs.lines().find((entry) => entry.msg === 'request completed' && entry.sub === 'user-1042');
    expect(line).toMatchObject({ operation: 'Create', caller: 'token', sub: 'user-1042', clientId: 'ops-console', outcome: 'success' });
    expect(logs.raw.join('\n')).not.toContain(token);
    expect(logs.raw.join('\n')).not.toContain(token.split('.')[2]);
  });

  describe('with every scope but one, refuses exactly what that scope unlocks, before its vendor call', () => {
    const cases: Array<[string, string, string, keyof ReturnType<typeof vendorCalls>]> = [
      ['materials:read', '{ order(id: "ORD-1001") { assignment(id: "A1") { materials(productType: VIDEO) { totalCount } } } }', 'order', 'materials'],
      ['assets:read', PRIVATE_ASSET, 'asset', 'assets'],
      ['download-orders:read', '{ downloadOrder(id: "1001") { orderId } }', 'downloadOrder', 'contentHub'],
      ['download-orders:write', CREATE_ORDER, 'downloadOrderCreate', 'contentHub'],
    ];
    it.each(cases)('%s', async (missing, query, path, vendor) => {
      const response = await as(await scoped(allScopesBut(missing)), query);
      expect(response.status).toBe(200);
      expect(codesOf(response)).toEqual([[path, 'FORBIDDEN']]);
      expect(response.body.errors![0]!.extensions!.requiredScopes).toEqual([[missing]]);
      expect(vendorCalls(stack)[vendor]).toBe(0);
      // The same operation with the scope answers.
      expect((await as(await scoped(ALL_SCOPES.join(' ')), query)).body.errors).toBeUndefined();
    });
    // assets:write is the upload's: 'refuses an upload without assets:write' below.
  });

  describe('refuses the whole request with 401, WWW-Authenticate and no vendor call, for a token that', () => {
    const refusedTokens: Array<[string, () => Promise<string | string[]>]> = [
      ['expired', () => stack.issuer.sign({ scope: 'materials:read' }, { expiresInSeconds: -120 })],
      ['is not valid yet', () => stack.issuer.sign({ scope: 'materials:read' }, { notBefore: 300 })],
      ['comes from another issuer', () => stack.issuer.sign({ iss: 'https://issuer.evil.example/', scope: 'materials:read' })],
      ['is for another audience', () => stack.issuer.sign({ aud: 'another-api', scope: 'materials:read' })],
      ['is signed with alg none', async () => unsigned({ alg: 'none', typ: 'JWT' }, { iss: stack.issuer.issuer, aud: stack.issuer.audience, exp: nowSeconds() + 300, scope: 'materials:read' })],
      ['is HS256-signed with the issuer’s public key', () => hmacWithPublicKey(stack.issuer, { scope: 'materials:read' })],
      ['names a key the issuer never published', () => stack.issuer.sign({ scope: 'materials:read' }, { kid: 'no-such-key' })],
      [
        'is signed by a key of another issuer',
        async () => {
          const impostor = await startIssuerSimulator();
          try {
            return await impostor.sign({ iss: stack.issuer.issuer, scope: 'materials:read' }, { kid: stack.issuer.kid });
          } finally {
            await impostor.close();
          }
        },
      ],
      ['is not a JWT at all', async () => 'not-a-jwt'],
    ];
    it.each(refusedTokens)('%s', async (_name, make) => {
      for (const token of [await make()].flat()) {
        const response = await as(token, READ_ALL, { p: DEMO.projectIds[0] });
        expect(response.status).toBe(401);
        expect(response.body.errors!.map((error) => error.extensions!.code)).toEqual(['UNAUTHENTICATED']);
        expect(response.body.data).toBeUndefined();
        expect(response.text).not.toContain(token);
        expect(vendorCalls(stack)).toEqual(NO_CALLS);
      }
    });

    it('is not sent as Bearer, with the RFC 6750 challenge', async () => {
      const response = await postGraphQL(stack.url, { query: READ_ALL, variables: { p: DEMO.projectIds[0] } }, { authorization: 'Basic dXNlcjpwYXNz' });
      expect(response.status).toBe(401);
      expect(response.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });

    it('carries the challenge in WWW-Authenticate, and the gateway stays healthy', async () => {
      const expired = await stack.issuer.sign({}, { expiresInSeconds: -120 });
      const response = await request(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${expired}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="mediagraph", error="invalid_token", error_description="The access token expired"');
      await response.body.dump();
      await expectHealthy(stack);
    });
  });

  it('refuses an upload without assets:write (every other scope held) before any byte reaches the asset store', async () => {
    const boundary = 'callers-boundary';
    const operations = JSON.stringify({
      query: 'mutation($input: AssetUploadInput!) { assetUpload(input: $input) { asset { key } } }',
      variables: { input: { file: null } },
    });
    const body = [
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.input.file"]}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${'x'.repeat(64 * 1024)}\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const response = await request(stack.url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'apollo-require-preflight': 'true', authorization: `Bearer ${await scoped(allScopesBut('assets:write'))}` },
      body,
    });
    const answer = (await response.body.json()) as GraphQLResponse['body'];
    expect(response.statusCode).toBe(200);
    expect(answer.data).toBeNull();
    expect(answer.errors!.map((error) => [error.path?.join('.'), error.extensions!.code])).toEqual([['assetUpload', 'FORBIDDEN']]);
    expect(vendorCalls(stack)).toEqual(NO_CALLS);
    await expectHealthy(stack);
  });

  describe('the private asset of the issue', () => {
    it('gets no link without a token, and its unsigned link gives an anonymous caller nothing', async () => {
      const response = await as(undefined, PRIVATE_ASSET);
      expect(response.body.data).toEqual({ asset: null });
      expect(codesOf(response)).toEqual([['asset', 'UNAUTHENTICATED']]);
      const unsignedLink = await request(`${new URL(stack.url).origin}/assets/demo-private-brief/content`);
      expect(unsignedLink.statusCode).toBe(404);
      await unsignedLink.body.dump();
    });

    it('gets no link for a token without assets:read', async () => {
      const response = await as(await scoped('materials:read'), PRIVATE_ASSET);
      expect(codesOf(response)).toEqual([['asset', 'FORBIDDEN']]);
    });

    it('gets a signed link for assets:read, which serves the private bytes without a token', async () => {
      const response = await as(stack.tokens.readOnly, PRIVATE_ASSET);
      const { contentUrl } = (response.body.data as { asset: { contentUrl: string } }).asset;
      const content = await request(contentUrl);
      expect(content.statusCode).toBe(200);
      expect((await content.body.arrayBuffer()).byteLength).toBeGreaterThan(0);
    });

    it('streams to a token with assets:read on the unsigned route, and to no other caller', async () => {
      const route = `${new URL(stack.url).origin}/assets/demo-private-brief/content`;
      const fetchWith = async (authorization: string) => {
        const answer = await request(route, { headers: { authorization } });
        await answer.body.dump();
        return [answer.statusCode, answer.headers['cache-control'], answer.headers['vary']];
      };
      expect(await fetchWith(`Bearer ${stack.tokens.readOnly}`)).toEqual([200, expect.stringContaining('private'), expect.stringContaining('authorization')]);
      expect((await fetchWith(`Bearer ${await scoped('materials:read')}`))[0]).toBe(404);
      expect((await fetchWith(`Bearer ${await stack.issuer.sign({ scope: 'assets:read' }, { expiresInSeconds: -120 })}`))[0]).toBe(401);
    });
  });

  it('refuses node(s) entries by the type their ID names, before any vendor call, and answers the rest', async () => {
    const response = await as(
      await scoped('materials:read'),
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Order { orderId } } }`,
      { ids: [toGlobalId('DownloadOrder', '1001'), toGlobalId('Order', 'ORD-1001')] },
    );
    expect(response.body.data).toEqual({ nodes: [null, { __typename: 'Order', orderId: 'ORD-1001' }] });
    expect(codesOf(response)).toEqual([['nodes.0', 'FORBIDDEN']]);
    expect(vendorCalls(stack)).toEqual(NO_CALLS);
  });
});

describe('callers of the key rotation and an issuer outage, over HTTP', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { AUTH_JWKS_COOLDOWN_MS: '200' } });
  });
  afterAll(() => stack.close());

  const read = (token: string) => stack.graphql('{ downloadOrder(id: "1001") { orderId } }', {}, { authorization: `Bearer ${token}` });

  it('accepts tokens of a rotated key without a restart', async () => {
    expect((await read(stack.tokens.readOnly)).status).toBe(200);
    // As issuers do, the previous key stays published while its tokens live.
    await stack.issuer.rotate({ keepPrevious: true });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const fresh = await read(await stack.issuer.sign({ scope: 'download-orders:read' }));
    expect(fresh.status).toBe(200);
    expect(fresh.body.data).toEqual({ downloadOrder: { orderId: '1001' } });
  });

  it('keeps verifying with the cached keys while the issuer is down, never a 500', async () => {
    const token = await stack.issuer.sign({ scope: 'download-orders:read' });
    // The gateway has the issuer's current keys before the issuer goes down.
    expect((await read(await stack.issuer.sign({ scope: 'download-orders:read', jti: 'warm-up' }))).status).toBe(200);
    stack.issuer.down = true;
    try {
      const before = stack.issuer.jwksRequests;
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const response = await read(attempt === 0 ? token : await stack.issuer.sign({ scope: 'download-orders:read', jti: String(attempt) }));
        expect([attempt, response.status, response.text]).toEqual([attempt, 200, expect.any(String)]);
        expect(response.body.data).toEqual({ downloadOrder: { orderId: '1001' } });
      }
      // An unknown kid during the outage cannot be judged (once the cooldown allows another
      // fetch, which fails): 503 with Retry-After, not a 401 or 500.
      await new Promise((resolve) => setTimeout(resolve, 250));
      const unknown = await read(await stack.issuer.sign({ scope: 'download-orders:read' }, { kid: 'rotated-while-down' }));
      expect(unknown.status).toBe(503);
      expect(unknown.body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(unknown.text).not.toContain('stack');
      expect(stack.issuer.jwksRequests - before).toBeLessThanOrEqual(2);
    } finally {
      stack.issuer.down = false;
    }
    await expectHealthy(stack);
  });
});

describe('a gateway with AUTH_DISABLED=true', () => {
  it('serves every caller as before authentication, for a private network behind a router', async () => {
    const stack = await startStack({ env: { AUTH_DISABLED: 'true' } });
    try {
      const response = await stack.graphql(READ_ALL, { p: DEMO.projectIds[0] }, { authorization: '' });
      expect(response.body.errors).toBeUndefined();
      const route = await request(`${new URL(stack.url).origin}/assets/demo-private-brief/content`);
      // An unsigned link still fetches anonymously: only a signed link carries the gateway's credentials.
      expect(route.statusCode).toBe(404);
      await route.body.dump();
    } finally {
      await stack.close();
    }
  });
});

describe('callers through federation _entities', () => {
  it('checks each representation by its __typename before fetching it, and answers its neighbours', async () => {
    const stack = await startStack({ env: { GRAPHQL_FEDERATION: 'true' } });
    try {
      vendorCalls(stack);
      const token = await stack.issuer.sign({ scope: 'materials:read' });
      const response = await stack.graphql(
        `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Order { orderId } } }`,
        { r: [{ __typename: 'DownloadOrder', orderId: '1001' }, { __typename: 'Order', orderId: 'ORD-1001' }] },
        { authorization: `Bearer ${token}` },
      );
      expect(response.body.data).toEqual({ _entities: [null, { __typename: 'Order', orderId: 'ORD-1001' }] });
      expect(codesOf(response)).toEqual([['_entities.0', 'FORBIDDEN']]);
      expect(vendorCalls(stack)).toEqual(NO_CALLS);
      const anonymous = await stack.graphql(`{ _entities(representations: [{ __typename: "Order", orderId: "ORD-1001" }]) { __typename } }`, {}, { authorization: '' });
      expect(codesOf(anonymous)).toEqual([['_entities.0', 'UNAUTHENTICATED']]);
    } finally {
      await stack.close();
    }
  });
});
