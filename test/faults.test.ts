import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { Fault } from '../src/simulators/faults';
import { DEMO } from '../src/simulators/acc/seed';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { bearer, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';
import { waitFor } from './helpers/waitFor';
import { expectHealthy } from './helpers/health';

const MATERIALS = `query($o: ID!, $a: ID!) { order(id: $o) { assignment(id: $a) { materials(productType: VIDEO) { totalCount } } } }`;
const PHOTOS = `query($p: ID!) { project(id: $p) { photos(first: 3) { nodes { photoId } } } }`;

/**
 * Each vendor fault gives an exact GraphQL outcome, leaks nothing, and leaves the gateway
 * healthy. Materials calls are GETs (retried once on connect errors and 502/503/504); ACC
 * photos:filter is a POST (never retried).
 */
describe('vendor faults', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_BREAKER_FAILURES: '1000' } });
  });
  afterEach(() => {
    stack.materials.faults.clear();
    stack.acc.faults.clear();
  });
  afterAll(() => stack.close());

  const materials = () => stack.graphql(MATERIALS, { o: MATERIALS_DEMO.orderId, a: MATERIALS_DEMO.assignmentId });
  const photos = () => stack.graphql(PHOTOS, { p: DEMO.projectIds[0] });

  it.each<[string, string, Fault]>([
    ['latency past the deadline', 'UPSTREAM_TIMEOUT', { kind: 'latency', ms: 600 }],
    ['a connection reset', 'UPSTREAM_UNAVAILABLE', { kind: 'reset' }],
    ['a body cut short', 'UPSTREAM_UNAVAILABLE', { kind: 'truncatedBody' }],
    ['malformed JSON', 'UPSTREAM_BAD_RESPONSE', { kind: 'malformedJson' }],
    ['a 429', 'UPSTREAM_RATE_LIMITED', { kind: 'rateLimited', retryAfterSeconds: 7 }],
  ])('answers %s from ACC with %s, leaks nothing and stays healthy', async (_what, code, fault) => {
    stack.acc.faults.inject(fault);
    const started = Date.now();
    const { status, body, text } = await photos();
    expect(status).toBe(200);
    expect(body.errors!.map((error) => error.extensions!.code)).toEqual([code]);
    expect(body.errors![0]!.extensions!.upstream).toBe('acc');
    if (fault.kind === 'rateLimited') expect(body.errors![0]!.extensions!.retryAfterSeconds).toBe(7);
    expect(Date.now() - started).toBeLessThan(2_000);
    for (const credential of [stack.tokens.full, DEMO.token, MATERIALS_DEMO.token]) expect(text).not.toContain(credential);
    expect(text).not.toMatch(/stack|at .*\.ts/);
    stack.acc.faults.clear();
    await expectHealthy(stack);
  });

  it('retries a GET once through a single connection reset, invisibly', async () => {
    stack.materials.faults.inject({ kind: 'reset' }, 1);
    stack.materials.requests.splice(0);
    const { body } = await materials();
    expect(body.errors).toBeUndefined();
    expect(stack.materials.requests).toHaveLength(2);
  });

  it('answers each call of a flapping vendor on its own: failures fail, successes succeed', async () => {
    stack.materials.faults.inject({ kind: 'flap' });
    const outcomes = [];
    for (let call = 0; call < 6; call += 1) {
      const { body } = await materials();
      outcomes.push(body.errors?.[0]?.extensions?.code ?? 'ok');
    }
    expect(outcomes).toEqual(['UPSTREAM_UNAVAILABLE', 'ok', 'UPSTREAM_UNAVAILABLE', 'ok', 'UPSTREAM_UNAVAILABLE', 'ok']);
    stack.materials.faults.clear();
    await expectHealthy(stack);
  });
});

describe('clients that go away', () => {
  it('abandon their vendor calls without counting as vendor failures', async () => {
    const stack = await startStack({ env: { UPSTREAM_BREAKER_FAILURES: '2' }, materials: { latencyMs: 300 } });
    try {
      const variables = JSON.stringify({ query: MATERIALS, variables: { o: MATERIALS_DEMO.orderId, a: MATERIALS_DEMO.assignmentId } });
      const abandoned = Array.from({ length: 4 }, () =>
        request(stack.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...bearer(stack.tokens.full) },
          body: variables,
          signal: AbortSignal.timeout(100),
        }).then(
          () => 'answered',
          () => 'abandoned',
        ),
      );
      expect(await Promise.all(abandoned)).toEqual(Array(4).fill('abandoned'));
      // All four reached the vendor and were cut off with their clients (before its 300 ms
      // answer); a breaker counting them as failures would be open now.
      await waitFor(() => stack.materials.requests.length === 4);
      await sleep(400);
      const { body } = await stack.graphql<{ order: { assignment: { materials: { totalCount: number } } } }>(MATERIALS, {
        o: MATERIALS_DEMO.orderId,
        a: MATERIALS_DEMO.assignmentId,
      });
      expect(body.errors).toBeUndefined();
      expect(body.data!.order.assignment.materials.totalCount).toBeGreaterThan(0);
    } finally {
      await stack.close();
    }
  });
});
