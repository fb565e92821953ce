import { ORDER_PAGE_SIZE, PROJECT_ID } from './scenarios';
import type { Fixtures, GraphQLRequestBody } from './scenarios';
import { graphqlRequest, send } from './targets';

/** Reads the photo ids and download-order cursors the scenarios use, through the gateway. */
export function readFixtures(gatewayUrl: string): Promise<Fixtures> {
  return readFixturesWith((body) => send(new URL(gatewayUrl).origin, graphqlRequest(gatewayUrl, body)) as Promise<{ data: Record<string, unknown> }>);
}

/** The same, through any caller of the gateway (the tests send their own tokens). */
export async function readFixturesWith(graphql: (body: GraphQLRequestBody) => Promise<{ data: Record<string, unknown> }>): Promise<Fixtures> {
  const photos = await graphql({
    query: 'query($p: ID!) { project(id: $p) { photos(first: 100) { nodes { photoId } } } }',
    variables: { p: PROJECT_ID },
  });
  const photoIds = (photos.data.project as { photos: { nodes: Array<{ photoId: string }> } }).photos.nodes.map((node) => node.photoId);
  const orderPageCursors: Array<string | null> = [];
  const orderPageOffsets: number[] = [];
  for (let after: string | null = null, offset = 0; ; offset += ORDER_PAGE_SIZE) {
    orderPageCursors.push(after);
    orderPageOffsets.push(offset);
    const page = await graphql({
      query: `query($after: String) { downloadOrders(first: ${ORDER_PAGE_SIZE}, after: $after) { pageInfo { hasNextPage endCursor } } }`,
      variables: { after },
    });
    const { pageInfo } = page.data.downloadOrders as { pageInfo: { hasNextPage: boolean; endCursor: string } };
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  return { photoIds, orderPageCursors, orderPageOffsets };
}
