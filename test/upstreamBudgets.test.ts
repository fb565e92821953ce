import { request } from 'undici';
import { toGlobalId } from '../src/graphql/relay/globalId';
import { DEMO } from '../src/simulators/acc/seed';
import { ASSETS_DEMO } from '../src/simulators/assets/server';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { expectHealthy } from './helpers/health';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const MAX_CALLS = 5;
const MAX_RESPONSE_BYTES = 1024 * 1024;

const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on DownloadOrder { orderId } } }`;
// A materials connection is non-null: each sits under its own (nullable) assignment, to fail alone.
const FOUR_PRODUCTS = `query($o: ID!, $a: ID!) { order(id: $o) {
  groundPhoto: assignment(id: $a) { materials(productType: GROUND_PHOTO) { totalCount } }
  dronePhoto: assignment(id: $a) { materials(productType: DRONE_PHOTO) { totalCount } }
  video: assignment(id: $a) { materials(productType: VIDEO) { totalCount } }
  floorPlan: assignment(id: $a) { materials(productType: FLOOR_PLAN) { totalCount } }
} }`;

type Errors = NonNullable<Awaited<ReturnType<TestStack['graphql']>>['body']['errors']>;
const codesByPath = (errors: Errors | undefined) => Object.fromEntries((errors ?? []).map((error) => [error.path!.join('.'), error.extensions!.code]));

/** What one operation may make the vendors do: calls and buffered JSON, and vendors' stray 304s. */
describe('per-operation vendor budgets', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({
      env: { UPSTREAM_MAX_CALLS_PER_OPERATION: String(MAX_CALLS), UPSTREAM_MAX_RESPONSE_BYTES_PER_OPERATION: String(MAX_RESPONSE_BYTES) },
    });
  });
  afterEach(() => {
    stack.materials.faults.clear();
    stack.assets.faults.clear();
  });
  afterAll(() => stack.close());

  it(`sends no more than ${MAX_CALLS} vendor calls for one operation; the fields past the cap fail alone`, async () => {
    const orderIds = Array.from({ length: MAX_CALLS + 3 }, (_unused, index) => String(CONTENT_HUB_DEMO.firstOrderId + index));
    stack.contentHub.requests.splice(0);
    const { status, body } = await stack.graphql<{ nodes: Array<{ orderId: string } | null> }>(NODES, {
      ids: orderIds.map((id) => toGlobalId('DownloadOrder', id)),
    });
    expect(status).toBe(200);
    expect(stack.contentHub.requests).toHaveLength(MAX_CALLS);
    const served = body.data!.nodes.filter((node) => node !== null).map((node) => node.orderId);
    expect(served).toHaveLength(MAX_CALLS);
    expect(served.every((id) => orderIds.includes(id))).toBe(true);
    expect(body.errors).toHaveLength(3);
    for (const error of body.errors!) {
      expect(error.extensions).toMatchObject({ code: 'UPSTREAM_CALL_LIMIT_EXCEEDED', upstream: 'contentHub' });
      expect(body.data!.nodes[error.path![1] as number]).toBeNull();
    }
    // The next operation has a budget of its own.
    const next = await stack.graphql(NODES, { ids: [toGlobalId('DownloadOrder', orderIds[0]!)] });
    expect(next.body.errors).toBeUndefined();
    await expectHealthy(stack);
  });

  it('fails the fields whose vendor JSON would pass the operation\'s memory budget; the others answer', async () => {
    // Each answer is 400 KiB: two fit in the 1 MiB budget, a third does not, whichever order they arrive in.
    stack.materials.faults.inject({ kind: 'paddedJson', bytes: 400 * 1024 });
    stack.materials.requests.splice(0);
    const { status, body } = await stack.graphql<{ order: Record<string, { materials: { totalCount: number } } | null> }>(FOUR_PRODUCTS, {
      o: MATERIALS_DEMO.orderId,
      a: MATERIALS_DEMO.assignmentId,
    });
    expect(status).toBe(200);
    expect(stack.materials.requests).toHaveLength(4);
    const codes = codesByPath(body.errors);
    expect(Object.values(codes)).toEqual(['UPSTREAM_RESPONSE_BUDGET_EXCEEDED', 'UPSTREAM_RESPONSE_BUDGET_EXCEEDED']);
    const answered = Object.entries(body.data!.order).filter(([alias]) => !codes[`order.${alias}.materials`]);
    expect(answered).toHaveLength(2);
    for (const [, assignment] of answered) expect(assignment!.materials.totalCount).toEqual(expect.any(Number));
    stack.materials.faults.clear();
    await expectHealthy(stack);
  });

  it('answers a vendor 304 to an unconditional GET with UPSTREAM_BAD_RESPONSE on that field only', async () => {
    stack.materials.faults.inject({ kind: 'notModified' });
    const { status, body } = await stack.graphql<{ order: { assignment: Record<string, unknown> }; project: unknown }>(
      `query($o: ID!, $a: ID!, $p: ID!) {
        order(id: $o) { assignment(id: $a) { materials(productType: VIDEO) { totalCount } } }
        project(id: $p) { photos(first: 1) { nodes { photoId } } }
      }`,
      { o: MATERIALS_DEMO.orderId, a: MATERIALS_DEMO.assignmentId, p: DEMO.projectIds[0] },
    );
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.path).toEqual(['order', 'assignment', 'materials']);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', upstream: 'materials', upstreamStatus: 304 });
    expect(body.data!.project).not.toBeNull();
    stack.materials.faults.clear();
    await expectHealthy(stack);
  });

  it('answers a vendor 304 to an unconditional asset download with 502 UPSTREAM_BAD_RESPONSE', async () => {
    const content = `${new URL(stack.url).origin}/assets/${ASSETS_DEMO.publicKey}/content`;
    stack.assets.faults.inject({ kind: 'notModified' }, 1);
    stack.assets.requests.splice(0);
    const refused = await request(content);
    expect(refused.statusCode).toBe(502);
    expect(await refused.body.json()).toEqual({ error: { code: 'UPSTREAM_BAD_RESPONSE' } });
    // A GET is retried on 502/503/504 only, never on a 304: the vendor was asked once.
    expect(stack.assets.requests).toHaveLength(1);
    const served = await request(content);
    expect(served.statusCode).toBe(200);
    expect((await served.body.text()).startsWith('<svg')).toBe(true);
    await expectHealthy(stack);
  });

  it('still passes the vendor 304 through to a conditional asset download', async () => {
    const content = `${new URL(stack.url).origin}/assets/${ASSETS_DEMO.publicKey}/content`;
    const first = await request(content);
    await first.body.dump();
    const again = await request(content, { headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    await again.body.dump();
  });
});
