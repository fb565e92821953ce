import type { TestStack } from './stack';

export interface PhotoPage {
  edges: Array<{ cursor: string; node: { photoId: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export const PHOTOS_QUERY = /* GraphQL */ `
  query($p: ID!, $first: Int, $after: String, $filter: PhotoFilter, $sort: PhotoSort) {
    project(id: $p) {
      photos(first: $first, after: $after, filter: $filter, sort: $sort) {
        edges { cursor node { photoId } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`;

/** Reads `Project.photos` through the gateway of `stack`, one page or a whole walk. */
export function photoPages(stack: () => TestStack) {
  async function page(variables: Record<string, unknown>): Promise<PhotoPage> {
    const response = await stack().graphql<{ project: { photos: PhotoPage } }>(PHOTOS_QUERY, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.project.photos;
  }

  /** Walks the connection with the given page sizes (the last one repeats) until hasNextPage is false. */
  async function walk(variables: Record<string, unknown>, sizes: number[]) {
    const ids: string[] = [];
    const pages: PhotoPage[] = [];
    let after = (variables.after as string | undefined) ?? null;
    for (let index = 0; ; index += 1) {
      const current = await page({ ...variables, first: sizes[Math.min(index, sizes.length - 1)], after });
      pages.push(current);
      ids.push(...current.edges.map((edge) => edge.node.photoId));
      if (!current.pageInfo.hasNextPage) return { ids, pages };
      after = current.pageInfo.endCursor;
      expect(index).toBeLessThan(500);
    }
  }

  return { page, walk };
}
