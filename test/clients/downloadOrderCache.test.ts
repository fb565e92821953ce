import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { createApolloClient } from '../../examples/client/apolloClient';
import { DEMO } from '../../src/simulators/acc/seed';
import { CONTENT_HUB_DEMO } from '../../src/simulators/contentHub/seed';
import type { ContentHubSimulatorOptions } from '../../src/simulators/contentHub/server';
import { startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';

/**
 * Apollo Client 4's InMemoryCache stores a download order once, by its id: whatever path a
 * query reaches it by, a field must answer the same value, or the cache's value is wiped.
 */

interface OrderFields {
  __typename: 'DownloadOrder';
  id: string;
  orderId: string;
  name: string | null;
  status: string;
  targetCount: number | null;
  createdOn: string | null;
  modifiedOn: string | null;
}

const ORDER_FIELDS = 'id orderId name status targetCount createdOn modifiedOn';
const ORDER: TypedDocumentNode<{ downloadOrder: OrderFields | null }, { id: string }> = gql`
  query OrderById($id: ID!) { downloadOrder(id: $id) { ${ORDER_FIELDS} } }
`;
const ORDERS: TypedDocumentNode<{ downloadOrders: { edges: Array<{ cursor: string; node: OrderFields }> } }, { first: number }> = gql`
  query Orders($first: Int!) { downloadOrders(first: $first) { edges { cursor node { ${ORDER_FIELDS} } } pageInfo { hasNextPage endCursor } } }
`;

describe.each<[string, ContentHubSimulatorOptions]>([
  ['list items as complete as by id', {}],
  ['list items that carry only their id and link', { forms: { listItemFields: ['order_id', 'self'] } }],
])('Apollo Client cache over download orders, %s', (_title, contentHub) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ contentHub: { pageSize: 10, ...contentHub } });
    loadDevMessages();
    loadErrorMessages();
  });
  afterAll(() => stack.close());

  it('never turns a known value into null: by id, then the list, then by id again', async () => {
    const client = createApolloClient({ uri: stack.url, getAccessToken: () => stack.tokens.full, accToken: DEMO.token });
    const id = String(CONTENT_HUB_DEMO.firstOrderId + 2);
    const consoleWarn = jest.spyOn(console, 'warn');
    stack.contentHub.requests.splice(0);
    const first = await client.query({ query: ORDER, variables: { id } });
    const known = first.data!.downloadOrder!;
    expect(known.modifiedOn).toBe(stack.contentHub.store.get(Number(id))!.lastModified.toISOString());
    expect(Object.values(known)).not.toContain(null);
    expect(stack.contentHub.requests.splice(0).map((call) => `${call.path} ${call.status}`)).toEqual([`/api/downloadorders/${id} 200`]);
    // What a screen showing the order sees from the cache, each time the cache changes under it.
    const seen: unknown[] = [];
    const watched = client.watchQuery({ query: ORDER, variables: { id }, fetchPolicy: 'cache-only' }).subscribe((result) => seen.push(result.data?.downloadOrder));
    try {

      const list = await client.query({ query: ORDERS, variables: { first: 5 } });
      const listed = list.data!.downloadOrders.edges.map((edge) => edge.node);
      expect(listed.find((order) => order.orderId === id)).toEqual(known);
      expect(client.readQuery({ query: ORDER, variables: { id } })!.downloadOrder).toEqual(known);
      // One list page, then each order by id (its Last-Modified is in no list): the one read
      // before revalidates with a 304.
      const [page, ...byId] = stack.contentHub.requests.splice(0).map((call) => `${call.path} ${call.status}`);
      expect(page).toBe('/api/downloadorders 200');
      expect(byId.sort()).toEqual(listed.map((order) => `/api/downloadorders/${order.orderId} ${order.orderId === id ? 304 : 200}`).sort());

      const again = await client.query({ query: ORDER, variables: { id }, fetchPolicy: 'network-only' });
      expect(again.data!.downloadOrder).toEqual(known);
      expect(stack.contentHub.requests.splice(0).map((call) => call.status)).toEqual([304]);

      expect(seen.length).toBeGreaterThan(0);
      expect(seen).toEqual(seen.map(() => known));
      expect(consoleWarn).not.toHaveBeenCalled();
    } finally {
      watched.unsubscribe();
      jest.restoreAllMocks();
    }
  });
});
