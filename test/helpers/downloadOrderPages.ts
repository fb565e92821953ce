/** A page of `Query.downloadOrders` as the paging tests read it. */
export interface OrderPage {
  totalCount: number;
  edges: Array<{ cursor: string; node: { orderId: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export const ORDERS = /* GraphQL */ `
  query($first: Int, $after: String, $last: Int, $before: String) {
    downloadOrders(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges { cursor node { orderId } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

/** The order ids of every page, walked one way from the start until its pageInfo says none is left. */
export async function walkOrders(
  page: (variables: Record<string, unknown>) => Promise<OrderPage>,
  direction: 'forward' | 'backward',
  size: number,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const current: OrderPage = await page(direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor });
    const pageIds = current.edges.map((edge) => edge.node.orderId);
    if (direction === 'forward') ids.push(...pageIds);
    else ids.unshift(...pageIds);
    const more = direction === 'forward' ? current.pageInfo.hasNextPage : current.pageInfo.hasPreviousPage;
    if (!more) return ids;
    cursor = direction === 'forward' ? current.pageInfo.endCursor : current.pageInfo.startCursor;
  }
}
