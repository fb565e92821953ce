import { bearer, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';
import { connected, openConnection } from './helpers/wsProtocol';
import type { RawConnection } from './helpers/wsProtocol';
import { expectHealthy } from './helpers/health';

/** Demo download orders that never reach a final status, so watching them keeps a poll going. */
const OPEN_ORDERS = ['1001', '1002', '1003', '1008', '1009', '1010'];
const WATCH = `subscription($id: ID!) { downloadOrderWatch(id: $id) { orderId status } }`;
const CREATE = `mutation { downloadOrderCreate(input: { name: "hijacked" }) { downloadOrder { orderId } } }`;

const codes = (message: { payload?: unknown }) => (message.payload as Array<{ extensions?: { code?: string } }>).map((error) => error.extensions?.code);
const messagesOf = (message: { payload?: unknown }) => (message.payload as Array<{ message: string }>).map((error) => error.message).join('\n');
/** A connection as a signed-in client opens it: its access token in connection_init's payload. */
const signedIn = (stack: TestStack, headers: Record<string, string> = {}) => connected(stack.url, headers, bearer(stack.tokens.full));

describe('WebSocket upgrades', () => {
  let stack: TestStack;
  const sockets: RawConnection[] = [];
  beforeAll(async () => {
    stack = await startStack({ env: { NODE_ENV: 'development', CORS_ORIGINS: 'https://app.example.com' } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stack.close();
  });
  const port = () => new URL(stack.url).port;

  it.each([
    ['a foreign site', { origin: 'https://evil.example' }],
    ['another port on this machine', { origin: 'http://127.0.0.1:1' }],
    ['a DNS-rebinding page (Host and Origin both the attacker’s name)', { origin: `http://evil.example:${'PORT'}`, host: `evil.example:${'PORT'}` }],
    ['an Origin that is not a URL', { origin: 'null' }],
  ])('refuses %s with HTTP 403 before any GraphQL', async (_name, headers) => {
    const withPort = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace('PORT', port())]));
    const posts = stack.contentHub.requests.length;
    const upgrade = await openConnection(stack.url, withPort);
    expect('refused' in upgrade && upgrade.refused.status).toBe(403);
    if (!('refused' in upgrade)) return;
    expect(JSON.parse(upgrade.refused.body)).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(stack.contentHub.requests.length).toBe(posts);
    await expectHealthy(stack);
  });

  it.each([
    ['a program (no Origin)', {}],
    ['the gateway’s own page (the embedded Sandbox)', { origin: 'http://127.0.0.1:PORT' }],
    ['an origin in CORS_ORIGINS', { origin: 'https://app.example.com' }],
  ])('accepts %s', async (_name, headers) => {
    const withPort = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace('PORT', port())]));
    const socket = await signedIn(stack, withPort);
    sockets.push(socket);
    socket.subscribe('1', WATCH, { id: '1004' });
    const next = await socket.next((message) => message.type === 'next');
    expect(next.payload).toEqual({ data: { downloadOrderWatch: { orderId: '1004', status: 'COMPLETED' } } });
    expect((await socket.ended('1')).type).toBe('complete');
  });

  it('answers upgrades on other paths with 404', async () => {
    const upgrade = await openConnection(`${new URL(stack.url).origin}/elsewhere`);
    expect('refused' in upgrade && upgrade.refused.status).toBe(404);
  });

  it('runs only subscriptions: a mutation over WebSocket is refused and never reaches the vendor', async () => {
    const socket = await signedIn(stack, { origin: 'https://app.example.com' });
    sockets.push(socket);
    const posts = () => stack.contentHub.requests.filter((request) => request.method === 'POST').length;
    const before = posts();
    socket.subscribe('m', CREATE);
    socket.subscribe('q', `{ downloadOrder(id: "1004") { orderId } }`);
    const [mutation, query] = [await socket.ended('m'), await socket.ended('q')];
    expect([mutation.type, codes(mutation)]).toEqual(['error', ['BAD_REQUEST']]);
    expect(messagesOf(mutation)).toMatch(/over HTTP POST/);
    expect([query.type, codes(query)]).toEqual(['error', ['BAD_REQUEST']]);
    expect(posts()).toBe(before);
  });

  it('closes a connection that sends no connection_init in time (4408)', async () => {
    const quick = await startStack({ env: { WS_CONNECTION_INIT_TIMEOUT_MS: '200' } });
    try {
      const upgrade = await openConnection(quick.url);
      if ('refused' in upgrade) throw new Error('refused');
      const started = Date.now();
      expect((await upgrade.socket.closed).code).toBe(4408);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await quick.close();
    }
  });
});

describe('WebSocket operations obey the HTTP rules', () => {
  let production: TestStack;
  let development: TestStack;
  beforeAll(async () => {
    [production, development] = await Promise.all([
      startStack({ env: { NODE_ENV: 'production', JSON_BODY_LIMIT_BYTES: '65536' } }),
      startStack({ env: { NODE_ENV: 'development' } }),
    ]);
  });
  afterAll(() => Promise.all([production.close(), development.close()]));

  async function refusal(stack: TestStack, query: string): Promise<{ type: string; codes: Array<string | undefined>; text: string }> {
    const socket = await signedIn(stack);
    try {
      const vendorCalls = stack.contentHub.requests.length;
      socket.subscribe('1', query);
      const ended = await socket.ended('1');
      expect(stack.contentHub.requests.length).toBe(vendorCalls);
      return { type: ended.type, codes: ended.type === 'error' ? codes(ended) : [], text: JSON.stringify(ended.payload) };
    } finally {
      socket.close();
    }
  }

  it('refuses introspection in production, as over HTTP', async () => {
    const refused = await refusal(production, `{ __schema { types { name } } }`);
    expect(refused.type).toBe('error');
    expect(new Set(refused.codes)).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(refused.text).toMatch(/introspection/i);
    expect(refused.text).not.toContain('DownloadOrder');
  });

  it('hides field suggestions in production and keeps them in development', async () => {
    const typo = `subscription { downloadOrderWach(id: "1001") { orderId } }`;
    const hidden = await refusal(production, typo);
    expect(hidden.codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(hidden.text).not.toMatch(/Did you mean/);
    expect((await refusal(development, typo)).text).toMatch(/Did you mean \\"downloadOrderWatch\\"/);
  });

  it('applies the alias and token limits', async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: orderId`).join(' ');
    const manyAliases = await refusal(production, `subscription { downloadOrderWatch(id: "1001") { ${aliases} } }`);
    expect(manyAliases).toMatchObject({ type: 'error', codes: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(manyAliases.text).toMatch(/alias/i);
    const tokens = Array.from({ length: 5_100 }, () => 'orderId').join(' ');
    const manyTokens = await refusal(production, `subscription { downloadOrderWatch(id: "1001") { ${tokens} } }`);
    expect(manyTokens).toMatchObject({ type: 'error', codes: ['GRAPHQL_PARSE_FAILED'] });
  });

  it('refuses deep documents and deep variables before parsing or coercing them', async () => {
    const deepDocument = `subscription { downloadOrderWatch(id: ${'['.repeat(4_000)}"1"${']'.repeat(4_000)}) { orderId } }`;
    expect(await refusal(production, deepDocument)).toMatchObject({ type: 'error', codes: ['GRAPHQL_PARSE_FAILED'] });
    const socket = await signedIn(production);
    try {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      socket.sendText(`{"id":"v","type":"subscribe","payload":{"query":${JSON.stringify(WATCH)},"variables":{"id":"1004","deep":${deep}}}}`);
      const ended = await socket.ended('v');
      expect([ended.type, codes(ended)]).toEqual(['error', ['BAD_USER_INPUT']]);
    } finally {
      socket.close();
    }
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    expect(await refusal(production, `subscription { downloadOrderWatch(`)).toMatchObject({ type: 'error', codes: ['GRAPHQL_PARSE_FAILED'] });
  });

  it('formats resolver errors as over HTTP: code and vendor, no stack trace, vendor token or access token', async () => {
    const socket = await signedIn(production);
    try {
      socket.subscribe('1', WATCH, { id: '99999' });
      const next = await socket.next((message) => message.id === '1' && message.type === 'next');
      expect(next.payload).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND', upstream: 'contentHub' } }] });
      expect(JSON.stringify(next.payload)).not.toMatch(/stacktrace|content-hub-demo-token/);
      expect(JSON.stringify(socket.messages)).not.toContain(production.tokens.full);
    } finally {
      socket.close();
    }
  });

  it('closes the connection on a message over the JSON body limit without reading it, and stays healthy', async () => {
    const socket = await signedIn(production);
    socket.subscribe('1', WATCH, { id: '1004', padding: 'x'.repeat(70_000) });
    expect((await socket.closed).code).toBe(1009);
    await expectHealthy(production);
  });
});

describe('subscription caps', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({
      env: { WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3', DOWNLOAD_ORDER_WATCH_MAX_ORDERS: '4', DOWNLOAD_ORDER_POLL_MS: '100' },
    });
  });
  afterAll(() => stack.close());

  const polls = () => stack.contentHub.requests.filter((request) => request.method === 'GET').length;

  it('holds at most WS_MAX_SUBSCRIPTIONS_PER_CONNECTION on one connection, even in a burst', async () => {
    const socket = await signedIn(stack);
    try {
      for (let index = 0; index < 50; index += 1) socket.subscribe(String(index), WATCH, { id: OPEN_ORDERS[index % 3] });
      const refused = await Promise.all(Array.from({ length: 47 }, (_, index) => socket.ended(String(index + 3))));
      for (const message of refused) expect([message.type, codes(message)]).toEqual(['error', ['SUBSCRIPTION_LIMIT_EXCEEDED']]);
      for (const id of ['0', '1', '2']) await socket.next((message) => message.id === id && message.type === 'next');
      expect(socket.messages.filter((message) => message.type === 'error')).toHaveLength(47);
      // A finished subscription frees its place.
      socket.send({ id: '0', type: 'complete' });
      socket.subscribe('again', WATCH, { id: '1004' });
      expect((await socket.ended('again')).type).toBe('complete');
    } finally {
      socket.close();
    }
  });

  it('polls at most DOWNLOAD_ORDER_WATCH_MAX_ORDERS orders per process; one more is refused with a clear error', async () => {
    const sockets = await Promise.all([0, 1].map(() => signedIn(stack)));
    try {
      OPEN_ORDERS.slice(0, 4).forEach((id, index) => sockets[index % 2]!.subscribe(id, WATCH, { id }));
      for (const [index, id] of OPEN_ORDERS.slice(0, 4).entries()) await sockets[index % 2]!.next((message) => message.id === id && message.type === 'next');
      sockets[0]!.subscribe('fifth', WATCH, { id: OPEN_ORDERS[4] });
      const fifth = await sockets[0]!.next((message) => message.id === 'fifth' && message.type === 'next');
      expect(fifth.payload).toMatchObject({ errors: [{ extensions: { code: 'SUBSCRIPTION_LIMIT_EXCEEDED' } }] });
      expect((fifth.payload as { errors: Array<{ message: string }> }).errors[0]!.message).toMatch(/at most 4 download orders/);
      expect(stack.contentHub.requests.some((request) => request.path === `/api/downloadorders/${OPEN_ORDERS[4]}`)).toBe(false);
      // Four orders polled every 100 ms: about 40 polls a second, whatever the number of watchers.
      const before = polls();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(polls() - before).toBeLessThanOrEqual(4 * 12);
    } finally {
      for (const socket of sockets) socket.close();
    }
    await expectHealthy(stack);
  });
});

describe('each subscription event is an operation of its own', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { UPSTREAM_MAX_CALLS_PER_OPERATION: '1', DOWNLOAD_ORDER_POLL_MS: '100' }, contentHub: { completionMs: 800 } });
  });
  afterAll(() => stack.close());

  it('gets a fresh vendor-call cap and fresh loaders for every event', async () => {
    const { body } = await stack.graphql<{ downloadOrderCreate: { downloadOrder: { orderId: string } } }>(
      `mutation { downloadOrderCreate(input: { name: "Watched", assets: [{ assetId: "42", download: { renditions: ["original"] } }] }) { downloadOrder { orderId } } }`,
    );
    const { orderId } = body.data!.downloadOrderCreate.downloadOrder;
    const socket = await signedIn(stack);
    try {
      // One Content Hub call per event for the targets, under a cap of one call per operation.
      socket.subscribe('w', `subscription($id: ID!) { downloadOrderWatch(id: $id) { status targets(first: 1) { totalCount } } }`, { id: orderId });
      expect((await socket.ended('w')).type).toBe('complete');
      const events = socket.messages.filter((message) => message.type === 'next').map((message) => message.payload);
      expect(events).toEqual([
        { data: { downloadOrderWatch: { status: 'CREATED', targets: { totalCount: 1 } } } },
        { data: { downloadOrderWatch: { status: 'IN_PROGRESS', targets: { totalCount: 1 } } } },
        { data: { downloadOrderWatch: { status: 'COMPLETED', targets: { totalCount: 1 } } } },
      ]);
    } finally {
      socket.close();
    }
  });
});
