import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import type { ContentHubAnswerForms } from '../src/simulators/contentHub/forms';
import { ORDERS, walkOrders } from './helpers/downloadOrderPages';
import type { OrderPage as Page } from './helpers/downloadOrderPages';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

/**
 * Content Hub answers its doc allows besides the usual ones, each switched on in the simulator
 * and read through the real gateway (upstream-docs/content-hub-download-orders.txt).
 */

/** The same page without totalCount, which may cost reads of its own. */
const ORDERS_WITHOUT_TOTAL = ORDERS.replace('totalCount', '');
const ORDER_COUNT = 53;

function pager(stack: () => TestStack) {
  const page = async (variables: Record<string, unknown>, query = ORDERS): Promise<Page> => {
    const { status, body } = await stack().graphql<{ downloadOrders: Page }>(query, variables);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data!.downloadOrders;
  };
  const ids = (current: Page) => current.edges.map((edge) => edge.node.orderId);
  const allIds = () => stack().contentHub.store.list().map((stored) => String(stored.order.order_id));
  /** Every order, walked forward with `first`, then backward with `last`. */
  const walk = async (size: number): Promise<{ forward: string[]; backward: string[] }> => {
    const withoutTotal = (variables: Record<string, unknown>) => page(variables, ORDERS_WITHOUT_TOTAL);
    return { forward: await walkOrders(withoutTotal, 'forward', size), backward: await walkOrders(withoutTotal, 'backward', size) };
  };
  const vendorCalls = () => stack().contentHub.requests.splice(0);
  return { page, ids, allIds, walk, vendorCalls };
}

describe.each<[string, ContentHubAnswerForms]>([
  ['total_items, returned_items and offset null, next/previous links given', { nullCounts: true }],
  ['counts null and no next/previous links at all', { nullCounts: true, omitPageLinks: true }],
])('Content Hub lists with %s', (_title, forms) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ contentHub: { pageSize: 10, orderCount: ORDER_COUNT, forms } });
  });
  afterAll(() => stack.close());
  const { page, ids, allIds, walk, vendorCalls } = pager(() => stack);

  it('never cuts a page short: first: 10 says more follows, and totalCount is found by reading on', async () => {
    vendorCalls();
    const head = await page({ first: 10 }, ORDERS_WITHOUT_TOTAL);
    expect(ids(head)).toEqual(allIds().slice(0, 10));
    expect(head.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    // A next link says more follows; without one the page after is read to know.
    expect(vendorCalls().length).toBe(forms.omitPageLinks ? 2 : 1);

    const counted = await page({ first: 10 });
    expect(counted.totalCount).toBe(ORDER_COUNT);
    expect(ids(counted)).toEqual(ids(head));
  });

  it('walks every order forward and back, in the same order', async () => {
    const { forward, backward } = await walk(7);
    expect(forward).toEqual(allIds());
    expect(backward).toEqual(forward);
  });

  it('gives the last five with `last: 5` alone, searching for the end, then reading near the remembered end', async () => {
    const fresh = await startStack({ contentHub: { pageSize: 10, orderCount: ORDER_COUNT, forms } });
    try {
      const { page: freshPage, allIds: freshIds } = pager(() => fresh);
      fresh.contentHub.requests.splice(0);
      const tail = await freshPage({ last: 5 });
      expect(tail.edges.map((edge) => edge.node.orderId)).toEqual(freshIds().slice(-5));
      expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      expect(tail.totalCount).toBe(ORDER_COUNT);
      // Doubling then halving (skips 0, 19, 57, 43, 53), not one read per vendor page; the tail
      // came with them.
      expect(fresh.contentHub.requests.splice(0).map((request) => request.query.skip)).toEqual(['0', '19', '57', '43', '53']);

      // The end it found is remembered: the next `last: 5` reads one page just past it.
      const again = await freshPage({ last: 5 });
      expect(again.edges).toEqual(tail.edges);
      expect(fresh.contentHub.requests.splice(0).map((request) => request.query.skip)).toEqual([String(ORDER_COUNT - 10 + 1)]);

      // The list grew since: the remembered end is only a hint, the pages decide.
      fresh.contentHub.store.put({ ...fresh.contentHub.store.list().at(-1)!.order, order_id: 9999 }, [1]);
      const grown = await freshPage({ last: 2 });
      expect(grown.edges.map((edge) => edge.node.orderId)).toEqual([freshIds().at(-2), '9999']);
      expect(grown.totalCount).toBe(ORDER_COUNT + 1);
    } finally {
      await fresh.close();
    }
  });

  it('pages targets the same way', async () => {
    const stored = stack.contentHub.store.list().find((order) => order.targets.length > 12)!;
    const { body } = await stack.graphql<{
      downloadOrder: { head: { totalCount: number; nodes: Array<{ entityId: string }> }; tail: { nodes: Array<{ entityId: string }>; pageInfo: { hasNextPage: boolean } } };
    }>(
      `query($id: ID!) {
        downloadOrder(id: $id) {
          head: targets(first: 12) { totalCount nodes { entityId } }
          tail: targets(last: 3) { nodes { entityId } pageInfo { hasNextPage } }
        }
      }`,
      { id: String(stored.order.order_id) },
    );
    expect(body.errors).toBeUndefined();
    const order = body.data!.downloadOrder;
    expect(order.head.totalCount).toBe(stored.targets.length);
    expect(order.head.nodes.map((node) => node.entityId)).toEqual(stored.targets.slice(0, 12).map(String));
    expect(order.tail.nodes.map((node) => node.entityId)).toEqual(stored.targets.slice(-3).map(String));
    expect(order.tail.pageInfo.hasNextPage).toBe(false);
  });
});

describe('Content Hub page links pointing anywhere', () => {
  it.each<[string, ContentHubAnswerForms]>([
    ['with totals', {}],
    ['with null totals, where a next link only says that more follows', { nullCounts: true }],
  ])('are never followed, %s', async (_title, forms) => {
    // Where the links point: a server that counts what reaches it.
    let reached = 0;
    const elsewhere = createServer((_request, response) => {
      reached += 1;
      response.end('{}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const stack = await startStack({
      contentHub: { pageSize: 4, linkOrigin: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`, forms },
    });
    try {
      const { page, ids, allIds, walk, vendorCalls } = pager(() => stack);
      vendorCalls();
      const head = await page({ first: 10 });
      expect(ids(head)).toEqual(allIds().slice(0, 10));
      expect(head.pageInfo.hasNextPage).toBe(true);
      expect(vendorCalls().length).toBeGreaterThanOrEqual(3);
      const { forward, backward } = await walk(6);
      expect(forward).toEqual(allIds());
      expect(backward).toEqual(forward);
      expect(reached).toBe(0);
    } finally {
      await stack.close();
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });
});

describe("Content Hub's client ID", () => {
  const clientId = 'mediagraph-gateway';
  const EVERY_ENDPOINT = /* GraphQL */ `
    query($id: ID!, $entity: ID!) {
      downloadOrders(first: 3) { totalCount nodes { orderId } }
      downloadOrder(id: $id) { name targets(first: 2) { nodes { entityId } } target(entityId: $entity) { entityId } }
    }
  `;
  const first = () => ({ id: String(CONTENT_HUB_DEMO.firstOrderId) });

  it('is sent with every request when CONTENT_HUB_CLIENT_ID is set, to a Content Hub that requires it', async () => {
    const stack = await startStack({ contentHub: { clientId, completionMs: 60_000 }, env: { CONTENT_HUB_CLIENT_ID: clientId } });
    try {
      const order = stack.contentHub.store.get(CONTENT_HUB_DEMO.firstOrderId)!;
      const { status, body } = await stack.graphql(EVERY_ENDPOINT, { ...first(), entity: String(order.targets[0]) });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const created = await stack.graphql<{ downloadOrderCreate: { downloadOrder: { orderId: string } } }>(
        `mutation { downloadOrderCreate(input: { name: "with client id", assets: [{ assetId: "4242", download: { renditions: ["original"] } }] }) { downloadOrder { orderId } userErrors { code } } }`,
      );
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data!.downloadOrderCreate.downloadOrder.orderId).toEqual(expect.any(String));
      // The simulator refuses (401) any request without the client ID: every one got through.
      const calls = stack.contentHub.requests.splice(0);
      expect(new Set(calls.map((call) => `${call.method} ${call.status}`))).toEqual(new Set(['GET 200', 'POST 201']));
      expect(calls.length).toBeGreaterThanOrEqual(5);
    } finally {
      await stack.close();
    }
  });

  it('missing, is the vendor refusing the gateway: UNAUTHENTICATED from contentHub on each field, the rest answers', async () => {
    const stack = await startStack({ contentHub: { clientId } });
    try {
      const { status, body } = await stack.graphql(`{ downloadOrder(id: "${CONTENT_HUB_DEMO.firstOrderId}") { name } __typename }`);
      expect(status).toBe(200);
      expect(body.data).toEqual({ downloadOrder: null, __typename: 'Query' });
      expect(body.errors!.map((error) => [error.path, error.extensions])).toEqual([
        [['downloadOrder'], expect.objectContaining({ code: 'UNAUTHENTICATED', upstream: 'contentHub', upstreamStatus: 401 })],
      ]);
      expect(stack.contentHub.requests.map((call) => call.status)).toEqual([401]);
    } finally {
      await stack.close();
    }
  });
});

describe('Content Hub list items that carry less than the order by id', () => {
  const FIELDS = 'orderId name status statusText targetCount hasConversions createdOn culture modifiedOn self { href } downloadLocation { href }';
  let stack: TestStack;
  beforeAll(async () => {
    // The doc names the item type but shows it as `{}`: here an item is its id and link only.
    stack = await startStack({ contentHub: { pageSize: 10, forms: { listItemFields: ['order_id', 'self'] } } });
  });
  afterAll(() => stack.close());

  it('answers every field as by id, with one by-id read per order, revalidated the next time', async () => {
    stack.contentHub.requests.splice(0);
    const listed = await stack.graphql<{ downloadOrders: { nodes: Array<Record<string, unknown>> } }>(`{ downloadOrders(first: 4) { nodes { ${FIELDS} } } }`);
    expect(listed.body.errors).toBeUndefined();
    const nodes = listed.body.data!.downloadOrders.nodes;
    const [list, ...byId] = stack.contentHub.requests.splice(0).map((call) => `${call.path} ${call.status}`);
    expect(list).toBe('/api/downloadorders 200');
    expect(byId.sort()).toEqual(nodes.map((node) => `/api/downloadorders/${String(node.orderId)} 200`).sort());
    for (const node of nodes) {
      const byId = await stack.graphql<{ downloadOrder: Record<string, unknown> }>(`{ downloadOrder(id: "${String(node.orderId)}") { ${FIELDS} } }`);
      expect(byId.body.data!.downloadOrder).toEqual(node);
    }
    expect(nodes.every((node) => node.name !== null && node.modifiedOn !== null && node.status !== 'UNKNOWN')).toBe(true);
    expect(stack.contentHub.requests.splice(0).map((call) => call.status)).toEqual(nodes.map(() => 304));
  });

  it('reads nothing by id when only what the items carry is asked', async () => {
    stack.contentHub.requests.splice(0);
    const { body } = await stack.graphql<{ downloadOrders: { nodes: Array<{ id: string }> } }>(`{ downloadOrders(first: 4) { nodes { id orderId self { href } } } }`);
    expect(body.data!.downloadOrders.nodes).toHaveLength(4);
    expect(stack.contentHub.requests.map((call) => call.path)).toEqual(['/api/downloadorders']);
  });
});

describe('DownloadOrder.modifiedOn in lists', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ contentHub: { pageSize: 10 } });
  });
  afterAll(() => stack.close());

  it('is the order\'s Last-Modified, as by id, for the same order in the same response, in one read per order', async () => {
    const id = String(CONTENT_HUB_DEMO.firstOrderId + 1);
    stack.contentHub.requests.splice(0);
    const { body } = await stack.graphql<{ one: { modifiedOn: string }; downloadOrders: { nodes: Array<{ orderId: string; modifiedOn: string }> } }>(
      `query($id: ID!) { one: downloadOrder(id: $id) { modifiedOn } downloadOrders(first: 3) { nodes { orderId modifiedOn } } }`,
      { id },
    );
    expect(body.errors).toBeUndefined();
    const listed = body.data!.downloadOrders.nodes;
    expect(listed.map((node) => node.modifiedOn)).toEqual(
      listed.map((node) => stack.contentHub.store.get(Number(node.orderId))!.lastModified.toISOString()),
    );
    expect(listed.find((node) => node.orderId === id)!.modifiedOn).toBe(body.data!.one.modifiedOn);
    // One list page and one read per order: the order asked twice is read once.
    const calls = stack.contentHub.requests.splice(0).map((call) => call.path).sort();
    expect(calls).toEqual(['/api/downloadorders', ...listed.map((node) => `/api/downloadorders/${node.orderId}`)].sort());
  });
});
