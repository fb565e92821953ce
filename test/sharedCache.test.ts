import { Redis } from 'ioredis';
import type { RunningApp } from '../src/app';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { persistedQuery, queryHash } from './helpers/apq';
import { startRedis } from './helpers/redis';
import type { TestRedis } from './helpers/redis';
import { bearer, postGraphQL, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';
import { waitForAsync } from './helpers/waitFor';

const ORDER = 'query SharedOrder($id: ID!) { downloadOrder(id: $id) { orderId name modifiedOn } }';
const OTHER_TOKEN = 'another-content-hub-token';
const DAY_MS = 24 * 3600 * 1000;

type Order = { downloadOrder: { orderId: string; name: string; modifiedOn: string } };

describe('two gateways sharing one Redis (REDIS_URL)', () => {
  let redis: TestRedis;
  let stack: TestStack;
  let replica: RunningApp;
  let inspector: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    inspector = new Redis(redis.url, { lazyConnect: true });
    await inspector.connect();
    stack = await startStack({
      env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.keyPrefix },
      contentHub: { tokens: [CONTENT_HUB_DEMO.token, OTHER_TOKEN] },
    });
    replica = await stack.replica();
  });
  afterAll(async () => {
    await stack?.close();
    inspector?.disconnect();
    await redis?.stop();
  });

  /** A client of either gateway, with its access token: both trust the same issuer. */
  const post = <TData>(url: string, body: unknown) => postGraphQL<TData>(url, body, bearer(stack.tokens.full));
  const order = (url: string, id: number) => post<Order>(url, { query: ORDER, variables: { id: String(id) } });
  const contentHubStatuses = () => stack.contentHub.requests.splice(0).map((request) => request.status);

  it('both keep their cache in Redis', () => {
    expect([stack.app.cacheKind, replica.cacheKind]).toEqual(['redis', 'redis']);
  });

  it('answers by hash on one gateway a query registered on the other', async () => {
    const variables = { id: String(CONTENT_HUB_DEMO.firstOrderId + 1) };
    const unknown = await post(replica.gateway.url, persistedQuery(ORDER, variables, { register: false }));
    expect(unknown.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post<Order>(stack.url, persistedQuery(ORDER, variables, { register: true }));
    expect(registered.body.data!.downloadOrder.orderId).toBe(variables.id);
    // Apollo stores the document without waiting for the write: look for it in Redis first.
    await waitForAsync(async () => (await inspector.exists(`${redis.keyPrefix}apq:${queryHash(ORDER)}`)) === 1, 2_000);

    const byHash = await post<Order>(replica.gateway.url, persistedQuery(ORDER, variables, { register: false }));
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toEqual(registered.body.data);
  });

  it('revalidates on one gateway an order the other fetched: a 304, the same answer, both ways', async () => {
    const id = CONTENT_HUB_DEMO.firstOrderId + 2;
    contentHubStatuses();
    const first = await order(stack.url, id);
    expect(contentHubStatuses()).toEqual([200]);
    const second = await order(replica.gateway.url, id);
    expect(contentHubStatuses()).toEqual([304]);
    expect(second.body.data).toEqual(first.body.data);

    // The replica fetches the changed order; the first gateway then revalidates what it stored.
    stack.contentHub.store.update(id, { name: 'Renamed on the vendor' }, new Date(Date.now() + 5_000));
    const changed = await order(replica.gateway.url, id);
    expect(changed.body.data!.downloadOrder.name).toBe('Renamed on the vendor');
    expect(contentHubStatuses()).toEqual([200]);
    const again = await order(stack.url, id);
    expect(contentHubStatuses()).toEqual([304]);
    expect(again.body.data).toEqual(changed.body.data);
  });

  it('never shares an entry across credentials: a gateway with another token fetches in full', async () => {
    const id = CONTENT_HUB_DEMO.firstOrderId + 3;
    await order(stack.url, id);
    contentHubStatuses();
    const other = await stack.replica({ CONTENT_HUB_TOKEN: OTHER_TOKEN });
    const answer = await order(other.gateway.url, id);
    expect(answer.body.errors).toBeUndefined();
    expect(contentHubStatuses()).toEqual([200]);
    await order(other.gateway.url, id);
    expect(contentHubStatuses()).toEqual([304]);
  });

  it('keeps every key under the prefix with a TTL of a day at most, and no token anywhere', async () => {
    const keys = await inspector.keys(`${redis.keyPrefix}*`);
    const kinds = new Set(keys.map((key) => key.slice(redis.keyPrefix.length).split(':').slice(0, 3).join(':')));
    expect(kinds).toEqual(new Set([`apq:${queryHash(ORDER)}`, 'revalidation:contentHub:order']));
    for (const key of keys) {
      const ttl = await inspector.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(DAY_MS);
      const stored = `${key} ${await inspector.get(key)}`;
      for (const token of [CONTENT_HUB_DEMO.token, OTHER_TOKEN, stack.tokens.full]) expect(stored).not.toContain(token);
    }
  });
});
