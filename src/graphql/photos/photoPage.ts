import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GatewayError, badUserInput } from '../../errors';
import { ACC_MAX_PAGE_SIZE, isDeletedAccPhoto, nextCursorState } from '../../upstream/acc/model';
import type { AccFilterRequest, AccFilterResponse, AccPhoto, AccPhotoFilter } from '../../upstream/acc/model';
import type { PageInfo } from '../../generated/resolvers';
import { decodeOpaque, encodeOpaque } from '../relay/opaque';

/**
 * Relay paging over ACC's photos:filter. ACC pages are at most 50 items and continue only by
 * an opaque `cursorState` (which fixes the page size chosen by the first request), so a cursor
 * names a position as "ACC page P, after its first K items": P is the cursorState that fetched
 * that page, or null for the first page; K counts every item ACC sent, deleted media included,
 * though only live ones become edges. The cursor after the last live item of an ACC page points
 * at the start of the next ACC page, so pages that end on an ACC boundary resume without
 * fetching anything twice.
 */

export interface PhotoPageEdge {
  cursor: string;
  node: AccPhoto;
}

export interface PhotoPage {
  edges: PhotoPageEdge[];
  pageInfo: PageInfo;
}

export interface PhotoPageRequest {
  projectId: string;
  filter: AccPhotoFilter;
  sort: AccFilterRequest['sort'];
  first: number;
  after: string | null | undefined;
}

export type FetchAccPage = (body: AccFilterRequest) => Promise<AccFilterResponse>;

const cursorSchema = z.union([
  z.object({ q: z.string(), s: z.string().min(1).nullable(), k: z.number().int().min(0).max(ACC_MAX_PAGE_SIZE) }),
  z.object({ q: z.string(), end: z.literal(true) }),
]);
type Position = { state: string | null; skip: number } | 'end';

export async function fetchPhotoPage(fetchAccPage: FetchAccPage, request: PhotoPageRequest): Promise<PhotoPage> {
  const query = queryKey(request);
  let position = request.after ? decodePosition(request.after, query) : { state: null, skip: 0 };
  const edges: PhotoPageEdge[] = [];

  while (position !== 'end' && edges.length < request.first) {
    const { state, skip } = position;
    const wanted = request.first - edges.length;
    const response = await fetchAccPage(
      state !== null
        ? { cursorState: state }
        : {
            filter: request.filter,
            include: ['signedUrls'],
            // Page size is fixed for the whole walk by this first request: ask for what this
            // Relay page needs so later pages of the same size line up with ACC's.
            limit: Math.min(skip + wanted, ACC_MAX_PAGE_SIZE),
            ...(request.sort ? { sort: request.sort } : {}),
          },
    );
    const items = response.results;
    const nextState = nextCursorState(response);
    if (nextState !== null && items.length === 0) {
      throw new GatewayError('UPSTREAM_BAD_RESPONSE', 'The acc API sent an empty page that claims more pages follow.', { upstream: 'acc' });
    }
    // After the last live item of this ACC page comes the next ACC page, or nothing.
    const pageEnd: Position = nextState === null ? 'end' : { state: nextState, skip: 0 };
    const lastLive = items.findLastIndex((item) => !isDeletedAccPhoto(item));
    // ACC may list deleted media; the schema does not. Skip them, but count them in positions:
    // a cursor names an index of ACC's own page, so it resumes at the same media whatever was dropped.
    let index = skip;
    for (; index < items.length && edges.length < request.first; index += 1) {
      const node = items[index]!;
      if (isDeletedAccPhoto(node)) continue;
      const after = index >= lastLive ? pageEnd : { state, skip: index + 1 };
      edges.push({ node, cursor: encodePosition(after, query) });
    }
    position = index <= lastLive ? { state, skip: index } : pageEnd;
  }

  return {
    edges,
    pageInfo: {
      // Exact while live media remain on the ACC page at hand. At the end of one it is what ACC
      // says: more follow when it sends a cursorState, even if they all turn out to be deleted.
      hasNextPage: position !== 'end',
      hasPreviousPage: Boolean(request.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Ties a cursor to its project, filter and sort, so it cannot resume a different list. */
function queryKey(request: PhotoPageRequest): string {
  const identity = JSON.stringify([request.projectId, request.filter, request.sort ?? null]);
  return createHash('sha256').update(identity).digest('base64url').slice(0, 16);
}

function encodePosition(position: Position, query: string): string {
  return encodeOpaque(position === 'end' ? { q: query, end: true } : { q: query, s: position.state, k: position.skip });
}

function decodePosition(cursor: string, query: string): Position {
  const parsed = cursorSchema.safeParse(decodeOpaque(cursor, 'cursor'));
  if (!parsed.success) throw badUserInput('`after` is not a cursor of this connection.');
  if (parsed.data.q !== query) {
    throw badUserInput('`after` belongs to a different project, filter or sort than this request.');
  }
  return 'end' in parsed.data ? 'end' : { state: parsed.data.s, skip: parsed.data.k };
}
