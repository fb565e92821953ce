import { CONTENT_HUB_DEMO, DEMO_STATUSES } from '../src/simulators/contentHub/seed';
import { ORDERS } from './helpers/downloadOrderPages';
import type { OrderPage as Page } from './helpers/downloadOrderPages';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

describe('download orders', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ contentHub: { pageSize: 4 } });
  });
  afterAll(() => stack.close());

  const allIds = () => stack.contentHub.store.list().map((stored) => String(stored.order.order_id));
  async function page(variables: Record<string, unknown>): Promise<Page> {
    const { body } = await stack.graphql<{ downloadOrders: Page }>(ORDERS, variables);
    expect(body.errors).toBeUndefined();
    return body.data!.downloadOrders;
  }
  const ids = (current: Page) => current.edges.map((edge) => edge.node.orderId);

  it('walks forward then backward over the same items, filling pages from several vendor pages', async () => {
    const forward: string[] = [];
    let after: string | null = null;
    let current: Page;
    do {
      current = await page({ first: 7, after });
      forward.push(...ids(current));
      after = current.pageInfo.endCursor;
    } while (current.pageInfo.hasNextPage);
    expect(forward).toEqual(allIds());
    expect(current.totalCount).toBe(CONTENT_HUB_DEMO.orderCount);

    const backward: string[] = [];
    let before: string | null = null;
    do {
      current = await page({ last: 6, before });
      backward.unshift(...ids(current));
      before = current.pageInfo.startCursor;
    } while (current.pageInfo.hasPreviousPage);
    expect(backward).toEqual(forward);
  });

  it('gives the last five with `last: 5` alone', async () => {
    const tail = await page({ last: 5 });
    expect(ids(tail)).toEqual(allIds().slice(-5));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('pages between two cursors and says exactly what lies outside', async () => {
    const all = await page({ first: 20 });
    const window = await page({ first: 100, after: all.edges[3]!.cursor, before: all.edges[9]!.cursor });
    expect(ids(window)).toEqual(allIds().slice(4, 9));
    expect(window.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });


  it('maps every field, the free-text status with an UNKNOWN fallback, and links', async () => {
    stack.contentHub.store.update(CONTENT_HUB_DEMO.firstOrderId + 1, { status: 'Quarantined' });
    const { body } = await stack.graphql<{ downloadOrders: { nodes: Array<Record<string, unknown>> } }>(`{
      downloadOrders(first: 30) {
        nodes {
          orderId name status statusText targetCount hasConversions createdOn culture additionalInfo
          createdBy { href title templated filenameProperties }
          downloadLocation { href title }
          self { href }
        }
      }
    }`);
    const nodes = body.data!.downloadOrders.nodes;
    const statuses = new Set(nodes.map((node) => node.status));
    expect([...statuses].sort()).toEqual(['ARCHIVED', 'CANCELLED', 'COMPLETED', 'CREATED', 'FAILED', 'IN_PROGRESS', 'PENDING', 'UNKNOWN']);
    expect(DEMO_STATUSES.length).toBe(7);
    const first = nodes[0]!;
    const vendor = stack.contentHub.store.list()[0]!.order;
    expect(first).toMatchObject({
      orderId: String(vendor.order_id),
      name: vendor.name,
      statusText: vendor.status,
      targetCount: vendor.target_count,
      createdOn: new Date(vendor.created_on!).toISOString(),
      createdBy: { href: vendor.created_by!.href, title: vendor.created_by!.title, templated: false, filenameProperties: [] },
    });
    expect(nodes.find((node) => node.statusText === 'Quarantined')!.status).toBe('UNKNOWN');
    expect(nodes.find((node) => node.status === 'COMPLETED')!.downloadLocation).toMatchObject({ href: expect.stringContaining('.zip') });
  });

  it('costs one call for the same order asked many times, and revalidates it with a 304 next time', async () => {
    const id = String(CONTENT_HUB_DEMO.firstOrderId + 3);
    const query = `query($id: ID!) { a: downloadOrder(id: $id) { name modifiedOn } b: downloadOrder(id: $id) { status } }`;
    stack.contentHub.requests.splice(0);
    const first = await stack.graphql<{ a: { name: string; modifiedOn: string } }>(query, { id });
    expect(stack.contentHub.requests.map((request) => request.status)).toEqual([200]);
    const second = await stack.graphql<{ a: { name: string; modifiedOn: string } }>(query, { id });
    expect(stack.contentHub.requests.map((request) => request.status)).toEqual([200, 304]);
    expect(second.body.data).toEqual(first.body.data);
    expect(first.body.data!.a.modifiedOn).toBe(stack.contentHub.store.get(Number(id))!.lastModified.toISOString());

    stack.contentHub.store.update(Number(id), { name: 'Renamed' }, new Date(Date.now() + 5_000));
    const third = await stack.graphql<{ a: { name: string } }>(query, { id });
    expect(third.body.data!.a.name).toBe('Renamed');
    expect(stack.contentHub.requests.map((request) => request.status)).toEqual([200, 304, 200]);
  });

  it('pages targets both ways and finds one target', async () => {
    const stored = stack.contentHub.store.list().find((order) => order.targets.length > 12)!;
    const id = String(stored.order.order_id);
    const { body } = await stack.graphql<{
      downloadOrder: { targets: { totalCount: number; nodes: Array<{ entityId: string }> }; tail: { nodes: Array<{ entityId: string }> }; target: { entityId: string } };
    }>(
      `query($id: ID!, $entity: ID!) {
        downloadOrder(id: $id) {
          targets(first: 10) { totalCount nodes { entityId } }
          tail: targets(last: 3) { nodes { entityId } }
          target(entityId: $entity) { entityId self { href } }
        }
      }`,
      { id, entity: String(stored.targets[2]) },
    );
    const order = body.data!.downloadOrder;
    expect(order.targets.totalCount).toBe(stored.targets.length);
    expect(order.targets.nodes.map((node) => node.entityId)).toEqual(stored.targets.slice(0, 10).map(String));
    expect(order.tail.nodes.map((node) => node.entityId)).toEqual(stored.targets.slice(-3).map(String));
    expect(order.target.entityId).toBe(String(stored.targets[2]));
  });

  it('answers NOT_FOUND for a missing order and round-trips global IDs', async () => {
    const missing = await stack.graphql(`{ downloadOrder(id: "999") { name } }`);
    expect(missing.body.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: 'contentHub' });
    const { body } = await stack.graphql<{ downloadOrder: { id: string } }>(`{ downloadOrder(id: "${CONTENT_HUB_DEMO.firstOrderId}") { id } }`);
    const node = await stack.graphql<{ node: { orderId: string } }>(`query($id: ID!) { node(id: $id) { ... on DownloadOrder { orderId } } }`, {
      id: body.data!.downloadOrder.id,
    });
    expect(node.body.data!.node.orderId).toBe(String(CONTENT_HUB_DEMO.firstOrderId));
  });

  it.each([[{ first: 2, last: 2 }], [{ first: 0 }], [{ last: 101 }], [{ after: 'junk' }]])('refuses %o with BAD_USER_INPUT', async (variables) => {
    const { body } = await stack.graphql(ORDERS, variables);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('download order paging rounds', () => {
  type Page = { downloadOrders: { edges: Array<{ node: { orderId: string } }>; pageInfo: { endCursor: string } } };

  it('reads a first vendor page alone, the rest at once, and later pages in one round', async () => {
    const stack = await startStack({ contentHub: { pageSize: 4, latencyMs: 50 } });
    try {
      const first = await stack.graphql<Page>(ORDERS, { first: 10 });
      expect(first.body.data!.downloadOrders.edges).toHaveLength(10);
      const [lone, ...rest] = stack.contentHub.requests.splice(0);
      expect(lone).toMatchObject({ query: { skip: '0' }, inFlight: 0 });
      // The first answer told the page size (4) and the total: the other two went out together.
      expect(rest.map((request) => request.query.skip).sort()).toEqual(['4', '8']);
      expect(rest.map((request) => request.inFlight).sort()).toEqual([0, 1]);

      const second = await stack.graphql<Page>(ORDERS, { first: 10, after: first.body.data!.downloadOrders.pageInfo.endCursor });
      expect(second.body.data!.downloadOrders.edges.map((edge) => edge.node.orderId)).toEqual(
        stack.contentHub.store.list().slice(10, 20).map((stored) => String(stored.order.order_id)),
      );
      // Known shape: all three vendor pages of the range in one round.
      const next = stack.contentHub.requests.splice(0);
      expect(next.map((request) => request.query.skip).sort()).toEqual(['10', '14', '18']);
      expect(next.map((request) => request.inFlight).sort()).toEqual([0, 1, 2]);
    } finally {
      await stack.close();
    }
  });
});
