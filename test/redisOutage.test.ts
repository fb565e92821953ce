import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { persistedQuery } from './helpers/apq';
import { captureLogs } from './helpers/logCapture';
import { freePort, spawnRedis } from './helpers/redis';
import type { SpawnedRedis } from './helpers/redis';
import { bearer, postGraphQL, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';
import { waitFor } from './helpers/waitFor';

const ORDER = 'query OutageOrder($id: ID!) { downloadOrder(id: $id) { orderId name } }';
const TIMEOUT_MS = 1_000;

/** Redis failing must never fail a query: the gateway answers from the vendors without it. */
describe('Redis outages', () => {
  let redis: SpawnedRedis;
  let stack: TestStack;
  const logs = captureLogs('info');
  const said = (level: string) => logs.lines().filter((line) => line.level === level && line.msg.startsWith('Redis cache'));
  beforeAll(async () => {
    redis = await spawnRedis();
    stack = await startStack({
      env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.keyPrefix, REDIS_TIMEOUT_MS: String(TIMEOUT_MS) },
      logger: logs.logger,
    });
  });
  afterAll(async () => {
    redis?.resume();
    await stack?.close();
    await redis?.stop();
  });
  beforeEach(() => logs.raw.splice(0));

  const order = async (id: number) => {
    const started = Date.now();
    const { body } = await stack.graphql<{ downloadOrder: { orderId: string } }>(ORDER, { id: String(id) });
    expect(body.errors).toBeUndefined();
    expect(body.data!.downloadOrder.orderId).toBe(String(id));
    return Date.now() - started;
  };
  const contentHubStatuses = () => stack.contentHub.requests.splice(0).map((request) => request.status);

  it('answers every query while Redis is down, from the vendor, warns once, and uses Redis again once it is back', async () => {
    const id = CONTENT_HUB_DEMO.firstOrderId + 4;
    await order(id);
    await order(id);
    expect(contentHubStatuses()).toEqual([200, 304]);

    await redis.kill();
    // Disconnected, a cache call fails at once: no query waits for Redis.
    for (let i = 0; i < 3; i++) expect(await order(id)).toBeLessThan(TIMEOUT_MS / 2);
    // Nothing to revalidate against: full answers, as with no cache at all.
    expect(contentHubStatuses()).toEqual([200, 200, 200]);
    const byHash = await postGraphQL(stack.url, persistedQuery(ORDER, { id: String(id) }, { register: false }), bearer(stack.tokens.full));
    expect(byHash.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await postGraphQL(stack.url, persistedQuery(ORDER, { id: String(id) }, { register: true }), bearer(stack.tokens.full));
    expect(registered.body.errors).toBeUndefined();
    expect(said('warn')).toEqual([
      expect.objectContaining({ msg: 'Redis cache unavailable: answering from the vendors without it until it is back', reason: expect.any(String) }),
    ]);

    await redis.restart();
    await waitFor(() => said('info').length > 0);
    expect(said('info')).toEqual([expect.objectContaining({ msg: 'Redis cache reachable again' })]);
    contentHubStatuses();
    await order(id);
    await order(id);
    expect(contentHubStatuses()).toEqual([200, 304]);
    expect(said('warn')).toHaveLength(1);
  });

  it('waits on a Redis that stops answering at most its timeout per call, then skips it', async () => {
    const id = CONTENT_HUB_DEMO.firstOrderId + 5;
    redis.pause();
    // The first query's read and write each time out; the second's read is the third timeout in
    // a row, after which Redis is skipped.
    const slow = [await order(id), await order(id)];
    const skipped = await order(id);
    expect(slow[0]).toBeGreaterThanOrEqual(2 * TIMEOUT_MS);
    expect(slow[0]).toBeLessThan(4 * TIMEOUT_MS);
    expect(slow[1]).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(skipped).toBeLessThan(TIMEOUT_MS);
    expect(contentHubStatuses()).toEqual([200, 200, 200]);
    expect(said('warn')).toHaveLength(1);
    redis.resume();
  });
});

describe('a gateway started while its Redis is unreachable', () => {
  it('starts, answers from the vendors and warns once', async () => {
    const logs = captureLogs('info');
    const stack = await startStack({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` }, logger: logs.logger });
    try {
      expect(stack.app.cacheKind).toBe('redis');
      for (let i = 0; i < 2; i++) {
        const { body } = await stack.graphql(ORDER, { id: String(CONTENT_HUB_DEMO.firstOrderId) });
        expect(body.errors).toBeUndefined();
      }
      expect(stack.contentHub.requests.map((request) => request.status)).toEqual([200, 200]);
      expect(logs.lines().filter((line) => line.level === 'warn' && line.msg.startsWith('Redis cache unavailable'))).toHaveLength(1);
    } finally {
      await stack.close();
    }
  });
});
