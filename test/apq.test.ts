import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { persistedQuery, queryHash } from './helpers/apq';
import { bearer, postGraphQL, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const ORDER = 'query PersistedOrder($id: ID!) { downloadOrder(id: $id) { orderId name } }';
const variables = { id: String(CONTENT_HUB_DEMO.firstOrderId) };

describe('automatic persisted queries, in memory (no REDIS_URL)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const post = <TData>(body: unknown) => postGraphQL<TData>(stack.url, body, bearer(stack.tokens.full));

  it('keeps its cache in memory', () => {
    expect(stack.app.cacheKind).toBe('memory');
  });

  it('asks for an unknown hash\'s query, registers it, then answers the hash alone', async () => {
    const unknown = await post(persistedQuery(ORDER, variables, { register: false }));
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ message: 'PersistedQueryNotFound', extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) })]);
    expect(stack.contentHub.requests.splice(0)).toEqual([]);

    const registered = await post<{ downloadOrder: { orderId: string } }>(persistedQuery(ORDER, variables, { register: true }));
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data!.downloadOrder.orderId).toBe(variables.id);

    const byHash = await post(persistedQuery(ORDER, variables, { register: false }));
    expect(byHash.body).toEqual(registered.body);
  });

  it('refuses a query sent with another query\'s hash, so no hash can be hijacked', async () => {
    const hijack = await post({
      query: '{ downloadOrders(first: 1) { totalCount } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(ORDER) } },
    });
    expect(hijack.status).toBe(400);
    expect(hijack.body.errors![0]!.message).toBe('provided sha does not match query');
  });
});
