import { createHash } from 'node:crypto';
import { request } from 'undici';
import { MAX_VARIABLES_DEPTH } from '../src/access/variablesDepth';
import { toGlobalId } from '../src/graphql/relay/globalId';
import { DEMO } from '../src/simulators/acc/seed';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { captureLogs } from './helpers/logCapture';
import { scrape, total } from './helpers/prometheus';
import { bearer, postGraphQL, startStack } from './helpers/stack';
import type { GraphQLResponse, TestStack } from './helpers/stack';
import { expectHealthy } from './helpers/health';

const PROJECT = DEMO.projectIds[0];
const ORDER_ID = String(CONTENT_HUB_DEMO.firstOrderId);
/** A conversion step's `value` is the schema's JSON scalar: any value a client likes goes there. */
const CREATE_WITH_JSON = `mutation Create($v: JSON) {
  downloadOrderCreate(input: { assets: [{ assetId: "1", download: { conversions: [[{ type: "x", value: $v }]] } }] }) { userErrors { message } }
}`;
const PHOTOS_FILTERED = `query Filtered($f: PhotoFilter) { project(id: "${PROJECT}") { photos(filter: $f, first: 1) { nodes { photoId } } } }`;

/** Nested `depth` levels deep: `[[…[1]…]]`, written by hand (JSON.stringify would recurse too). */
const nestedList = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('client mistakes in production: 4xx with a stable code, nothing leaked, process healthy', () => {
  const logs = captureLogs('debug');
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { NODE_ENV: 'production' }, logger: logs.logger });
  });
  afterAll(() => stack.close());

  const vendorCalls = () => stack.acc.requests.length + stack.materials.requests.length + stack.contentHub.requests.length + stack.assets.requests.length;
  let requestCount = 0;

  /** POSTs a raw JSON body under a fresh request id, so its log lines can be picked out. */
  async function post(body: string): Promise<GraphQLResponse & { requestId: string }> {
    const requestId = `mistake-${++requestCount}`;
    const response = await request(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(stack.tokens.full), 'x-acc-token': DEMO.token, 'x-request-id': requestId },
      body,
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: JSON.parse(text) as GraphQLResponse['body'], text, requestId };
  }

  const logLinesOf = (requestId: string) => logs.lines().filter((line) => line.reqId === requestId);

  /** A refused request: its status and code, no vendor call, a log below error, and the process still serving. */
  async function expectRefused(body: string, status: number, code: string): Promise<GraphQLResponse & { requestId: string }> {
    const before = vendorCalls();
    const response = await post(body);
    expect({ status: response.status, code: response.body.errors?.[0]?.extensions?.code }).toEqual({ status, code });
    expect(response.body.data ?? null).toBeNull();
    expect(vendorCalls()).toBe(before);
    const lines = logLinesOf(response.requestId);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', msg: expect.stringMatching(/^graphql error: /), code }));
    expect(lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
    await expectHealthy(stack);
    return response;
  }

  describe('documents that do not parse', () => {
    it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED, counted as a 400 and by its code', async () => {
      const before = (await scrape(stack.url)).samples;
      const { body } = await expectRefused('{"query":"{ a"}', 400, 'GRAPHQL_PARSE_FAILED');
      expect(body.errors![0]!.message).toBe('Syntax Error: Expected Name, found <EOF>.');

      const after = (await scrape(stack.url)).samples;
      const count = (samples: typeof before, name: string, labels: Record<string, string>) => total(samples, name, labels);
      expect(count(after, 'mediagraph_http_request_duration_seconds_count', { route: '/graphql', status: '400' }) - count(before, 'mediagraph_http_request_duration_seconds_count', { route: '/graphql', status: '400' })).toBe(1);
      expect(count(after, 'mediagraph_http_request_duration_seconds_count', { route: '/graphql', status: '500' })).toBe(0);
      expect(count(after, 'mediagraph_graphql_errors_total', { operation: 'invalid', code: 'GRAPHQL_PARSE_FAILED' }) - count(before, 'mediagraph_graphql_errors_total', { operation: 'invalid', code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    });

    it('answers a document over the token limit with 400 GRAPHQL_PARSE_FAILED', async () => {
      const fields = Array.from({ length: 5100 }, () => 'x').join(' ');
      const { body } = await expectRefused(JSON.stringify({ query: `{ ${fields} }` }), 400, 'GRAPHQL_PARSE_FAILED');
      expect(body.errors![0]!.message).toMatch(/more that 5000 tokens/);
    });

    it('answers a 4,000-deep list literal with 400 GRAPHQL_PARSE_FAILED', async () => {
      const deep = `${'['.repeat(4000)}"x"${']'.repeat(4000)}`;
      const { body } = await expectRefused(JSON.stringify({ query: `{ nodes(ids: ${deep}) { id } }` }), 400, 'GRAPHQL_PARSE_FAILED');
      expect(body.errors![0]!.message).toBe('Syntax Error: the document nests brackets deeper than 128 levels.');
    });

    it('checks a GET query string’s document the same way', async () => {
      const deep = `${'['.repeat(1000)}"x"${']'.repeat(1000)}`;
      const search = new URLSearchParams({ query: `{ nodes(ids: ${deep}) { id } }` });
      const response = await request(`${stack.url}?${search}`, { headers: { ...bearer(stack.tokens.full), 'apollo-require-preflight': 'true' } });
      expect(response.statusCode).toBe(400);
      const body = (await response.body.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(body.errors[0]!.message).toBe('Syntax Error: the document nests brackets deeper than 128 levels.');
      await expectHealthy(stack);
    });

    it('counts no brackets inside strings, block strings and comments', async () => {
      const brackets = '['.repeat(200);
      const query = `# ${brackets}\nquery($p: ID!) { project(id: $p) { photos(filter: { title: "${brackets}" }, first: 1) { nodes { photoId } } } } # """ ${brackets}`;
      const { status, body } = await stack.graphql(query, { p: PROJECT });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    });
  });

  describe('variables nested too deep', () => {
    it(`refuses a JSON variable nested 100,000 deep with 400 BAD_USER_INPUT before coercion`, async () => {
      const { body } = await expectRefused(`{"query":${JSON.stringify(CREATE_WITH_JSON)},"variables":{"v":${nestedList(100_000)}}}`, 400, 'BAD_USER_INPUT');
      expect(body.errors![0]!.message).toBe(`Variable "$v" is nested deeper than ${MAX_VARIABLES_DEPTH} levels.`);
    });

    it('refuses deep input objects and deep lists in an input object alike', async () => {
      const deepObject = `${'{"x":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
      for (const f of [deepObject, `{"photoIds":${nestedList(100_000)}}`]) {
        const { body } = await expectRefused(`{"query":${JSON.stringify(PHOTOS_FILTERED)},"variables":{"f":${f}}}`, 400, 'BAD_USER_INPUT');
        expect(body.errors![0]!.message).toBe(`Variable "$f" is nested deeper than ${MAX_VARIABLES_DEPTH} levels.`);
      }
    });

    it(`takes a value exactly ${MAX_VARIABLES_DEPTH} levels deep to the vendor and refuses one more`, async () => {
      stack.contentHub.requests.splice(0);
      const fits = await post(`{"query":${JSON.stringify(CREATE_WITH_JSON)},"variables":{"v":${nestedList(MAX_VARIABLES_DEPTH)}}}`);
      expect(fits.status).toBe(200);
      expect(fits.body.errors).toBeUndefined();
      expect(stack.contentHub.requests.map((call) => call.method)).toEqual(['POST']);

      await expectRefused(`{"query":${JSON.stringify(CREATE_WITH_JSON)},"variables":{"v":${nestedList(MAX_VARIABLES_DEPTH + 1)}}}`, 400, 'BAD_USER_INPUT');
    });
  });

  it('answers an APQ hash that is not its query’s with 400 BAD_REQUEST, not a masked internal error', async () => {
    const otherHash = createHash('sha256').update('{ __typename }').digest('hex');
    const { body } = await expectRefused(
      JSON.stringify({ query: '{ downloadOrders(first: 1) { totalCount } }', extensions: { persistedQuery: { version: 1, sha256Hash: otherHash } } }),
      400,
      'BAD_REQUEST',
    );
    expect(body.errors![0]!.message).toBe('provided sha does not match query');
  });

  describe('one bad key fails only its own field', () => {
    const MATERIALS = `materials(productType: GROUND_PHOTO) { totalCount }`;

    it('a bad order id fails only its materials field, BAD_USER_INPUT; the others answer and only they reach the vendor', async () => {
      stack.materials.requests.splice(0);
      const { status, body } = await stack.graphql<Record<string, { assignment: { materials: { totalCount: number } | null } }>>(
        `query($bad: ID!, $good: ID!, $a: ID!) {
          bad: order(id: $bad) { assignment(id: $a) { ${MATERIALS} } }
          good: order(id: $good) { assignment(id: $a) { ${MATERIALS} } }
          drone: order(id: $good) { assignment(id: $a) { materials(productType: DRONE_PHOTO) { totalCount } } }
        }`,
        { bad: '..', good: MATERIALS_DEMO.orderId, a: MATERIALS_DEMO.assignmentId },
      );
      expect(status).toBe(200);
      expect(body.errors!.map((error) => [error.path, error.extensions!.code])).toEqual([[['bad', 'assignment', 'materials'], 'BAD_USER_INPUT']]);
      expect(body.data!.good!.assignment.materials!.totalCount).toBe(24);
      expect(body.data!.drone!.assignment.materials!.totalCount).toBe(10);
      expect(stack.materials.requests.map((call) => call.query.productType).sort()).toEqual(['DRONE_PHOTO', 'GROUND_PHOTO']);
      expect(stack.materials.requests.every((call) => call.path.startsWith(`/orders/${MATERIALS_DEMO.orderId}/`))).toBe(true);
      await expectHealthy(stack);
    });

    it('a bad photo id fails only its own field and never reaches ACC, not even inside a filter', async () => {
      const [first, second] = stack.acc.store.query(PROJECT, {}).map((photo) => photo.id);
      stack.acc.requests.splice(0);
      const { body } = await stack.graphql<Record<string, { photoId: string } | null>>(
        `query($p: ID!, $bad: ID!, $first: ID!, $second: ID!) {
          bad: photo(projectId: $p, id: $bad) { ... on Photo { photoId } }
          first: photo(projectId: $p, id: $first) { ... on Photo { photoId } }
          second: photo(projectId: $p, id: $second) { ... on Photo { photoId } }
          badProject: photo(projectId: "..", id: $first) { ... on Photo { photoId } }
        }`,
        { p: PROJECT, bad: '..', first, second },
      );
      expect(body.errors!.map((error) => [error.path, error.extensions!.code]).sort()).toEqual([
        [['bad'], 'BAD_USER_INPUT'],
        [['badProject'], 'BAD_USER_INPUT'],
      ]);
      expect(body.data).toEqual({ bad: null, first: { photoId: first }, second: { photoId: second }, badProject: null });
      expect(stack.acc.requests.map((call) => [call.method, call.body])).toEqual([
        ['POST', expect.objectContaining({ filter: { id: [first, second] } })],
      ]);
      await expectHealthy(stack);
    });

    it('a bad download order id fails only its own field', async () => {
      stack.contentHub.requests.splice(0);
      const { body } = await stack.graphql<Record<string, { orderId: string } | null>>(
        `query($bad: ID!, $good: ID!) { bad: downloadOrder(id: $bad) { orderId } good: downloadOrder(id: $good) { orderId } }`,
        { bad: '..', good: ORDER_ID },
      );
      expect(body.errors!.map((error) => [error.path, error.extensions!.code])).toEqual([[['bad'], 'BAD_USER_INPUT']]);
      expect(body.data).toEqual({ bad: null, good: { orderId: ORDER_ID } });
      expect(stack.contentHub.requests.map((call) => call.path)).toEqual([`/api/downloadorders/${ORDER_ID}`]);
    });

    it('a global ID with a bad key fails only its own entry of `nodes`', async () => {
      const [live] = stack.acc.store.query(PROJECT, {}).map((photo) => photo.id);
      stack.acc.requests.splice(0);
      const { body } = await stack.graphql<{ nodes: Array<{ id: string } | null> }>(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
        ids: [toGlobalId('Photo', PROJECT, '..'), toGlobalId('Photo', PROJECT, live!), toGlobalId('DownloadOrder', '..')],
      });
      expect(body.errors!.map((error) => [error.path, error.extensions!.code]).sort()).toEqual([
        [['nodes', 0], 'BAD_USER_INPUT'],
        [['nodes', 2], 'BAD_USER_INPUT'],
      ]);
      expect(body.data!.nodes).toEqual([null, { id: toGlobalId('Photo', PROJECT, live!) }, null]);
      expect(stack.acc.requests.map((call) => call.path)).toEqual([`/construction/photos/v1/projects/${PROJECT}/photos/${live}`]);
    });
  });

  describe('leaks', () => {
    const SECRET = 'secret-variable-7c2e9a';

    it('names no near-miss of the schema for a mistyped input field or enum value', async () => {
      const mistypes: Array<[filter: Record<string, unknown>, nearMiss: string]> = [
        [{ photoId: [SECRET] }, 'photoIds'],
        [{ mediaType: ['VIDEO'] }, 'mediaTypes'],
        [{ mediaTypes: ['NORMA'] }, 'NORMAL'],
      ];
      for (const [f, nearMiss] of mistypes) {
        const { status, body, text } = await stack.graphql(PHOTOS_FILTERED, { f });
        expect(status).toBe(400);
        expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
        expect(body.errors![0]!.message).toMatch(/^Variable "\$f" got invalid value/);
        expect(text).not.toMatch(/Did you mean/);
        expect(text).not.toContain(nearMiss);
      }
      await expectHealthy(stack);
    });

    it('logs no variable’s value: not from a mistyped variable, not from an id a resolver refused', async () => {
      const sent: Array<[string, Record<string, unknown>]> = [
        [PHOTOS_FILTERED, { f: { photoId: [SECRET] } }],
        [PHOTOS_FILTERED, { f: { title: SECRET, createdAt: { from: SECRET } } }],
        ['query($n: Int) { downloadOrders(first: $n) { totalCount } }', { n: SECRET }],
        ['query($id: ID!) { downloadOrder(id: $id) { orderId } }', { id: `${SECRET}\u0001` }],
        ['query($id: ID!) { node(id: $id) { id } }', { id: SECRET }],
      ];
      const before = logs.raw.length;
      for (const [query, variables] of sent) {
        const { body } = await postGraphQL(stack.url, { query, variables }, { ...bearer(stack.tokens.full), 'x-acc-token': DEMO.token });
        expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      }
      const written = logs.raw.slice(before);
      expect(written.filter((line) => line.includes('"graphql error: '))).toHaveLength(sent.length);
      // No variable's value, and none of the caller's credentials.
      for (const secret of [SECRET, stack.tokens.full, DEMO.token]) expect(written.join('')).not.toContain(secret);
    });
  });
});

describe('federation: one bad representation fails only its own entity', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { NODE_ENV: 'production', GRAPHQL_FEDERATION: 'true' } });
  });
  afterAll(() => stack.close());

  it('answers an unknown, missing or non-object representation with BAD_USER_INPUT at its own index', async () => {
    const [live] = stack.acc.store.query(PROJECT, {}).map((photo) => photo.id);
    stack.acc.requests.splice(0);
    const { status, body } = await stack.graphql<{ _entities: Array<{ photoId?: string; orderId?: string } | null> }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Photo { photoId } ... on DownloadOrder { orderId } } }`,
      {
        r: [
          { __typename: 'Photo', project: { projectId: PROJECT }, photoId: live },
          { __typename: 'NoSuchEntity', id: '1' },
          {},
          5,
          { __typename: 'DownloadOrder', orderId: '..' },
          { __typename: 'DownloadOrder', orderId: ORDER_ID },
        ],
      },
    );
    expect(status).toBe(200);
    expect(body.data!._entities).toEqual([{ photoId: live }, null, null, null, null, { orderId: ORDER_ID }]);
    expect(body.errors!.map((error) => [error.path, error.extensions!.code])).toEqual([1, 2, 3, 4].map((index) => [['_entities', index], 'BAD_USER_INPUT']));
    expect(stack.acc.requests).toHaveLength(1);
    expect(stack.contentHub.requests.map((call) => call.path)).toEqual([`/api/downloadorders/${ORDER_ID}`]);
  });
});
