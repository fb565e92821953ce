import { z } from 'zod';
import { GatewayError, badUserInput } from '../../errors';
import type { ListShapes } from '../../upstream/contentHub/listShapes';
import type { ContentHubCollection } from '../../upstream/contentHub/model';
import type { PageInfo } from '../../generated/resolvers';
import { checkPageSize } from '../relay/pageSize';
import { decodeOpaque, encodeOpaque } from '../relay/opaque';

/**
 * Relay paging, both ways, over Content Hub's `skip` paging. A cursor is the item's offset in
 * the vendor's list. The vendor pages with its own page size, so a requested page is filled from
 * as many vendor pages as it spans, read all at once by skip when the list's page size and total
 * are known from an earlier read (`shapes`), else after a first read tells them: one or two
 * round trips, never one per vendor page. The vendor's next links are not needed, so never
 * followed. `last` without `before` needs the total first, which the first vendor page tells.
 */

export interface RelayArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface SkipPage<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

type Collection<T> = ContentHubCollection<T>;
const cursorSchema = z.object({ q: z.string(), o: z.number().int().min(0) });

export async function skipPage<T>(
  fetchPage: (skip: number) => Promise<Collection<T>>,
  args: RelayArgs,
  listKey: string,
  shapes: ListShapes,
): Promise<SkipPage<T>> {
  if (args.first != null && args.last != null) throw badUserInput('Pass `first` or `last`, not both.');
  const afterOffset = args.after ? decodeOffset(args.after, listKey) : -1;
  const beforeOffset = args.before ? decodeOffset(args.before, listKey) : undefined;
  const fetched = new Map<number, T>();
  let total: number | undefined;

  const read = async (skip: number): Promise<Collection<T>> => {
    const page = await fetchPage(skip);
    total = page.total_items ?? total;
    const offset = page.offset ?? skip;
    (page.items ?? []).forEach((item, index) => fetched.set(offset + index, item));
    return page;
  };

  let start: number;
  let end: number;
  if (args.last != null) {
    const last = checkPageSize('last', args.last);
    if (beforeOffset === undefined) await read(Math.max(0, afterOffset + 1));
    end = beforeOffset ?? total ?? 0;
    start = Math.max(afterOffset + 1, end - last);
  } else {
    const first = checkPageSize('first', args.first ?? 25);
    start = afterOffset + 1;
    end = Math.min(start + first, beforeOffset ?? Number.POSITIVE_INFINITY);
  }

  let position = start;
  const known = shapes.get(listKey);
  let pageSize = known?.pageSize;
  // Every vendor page holds at least one item, so a page of at most 100 needs at most 100 reads.
  for (let reads = 0; position < end && (total === undefined || position < total); ) {
    if (fetched.has(position)) {
      position += 1;
      continue;
    }
    if (reads > 100) throw new GatewayError('UPSTREAM_BAD_RESPONSE', 'The contentHub API pages do not advance.', { upstream: 'contentHub' });
    // Up to the end of the range or the list, as far as it is known; at least this position.
    const to = Math.max(position + 1, Math.min(end, total ?? known?.total ?? end));
    const skips = pageSize === undefined ? [position] : spannedSkips(position, to, pageSize);
    const pages = await Promise.all(skips.map(read));
    reads += skips.length;
    const firstItems = pages[0]!.items?.length ?? 0;
    if (!firstItems) break;
    // A page that is not the list's last is a full one: its length is the vendor's page size.
    if (pageSize === undefined && total !== undefined && position + firstItems < total) pageSize = firstItems;
  }
  if (pageSize !== undefined && total !== undefined) shapes.set(listKey, { pageSize, total });
  const edges: SkipPage<T>['edges'] = [];
  for (let offset = start; offset < end && fetched.has(offset); offset += 1) {
    edges.push({ cursor: encodeOpaque({ q: listKey, o: offset }), node: fetched.get(offset)! });
  }
  const totalCount = total ?? start + edges.length;
  return {
    edges,
    totalCount,
    // The vendor tells the total, so both are exact for the whole list, whichever way it is paged.
    pageInfo: {
      hasNextPage: start + edges.length < totalCount,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The skips that read [from, to) in pages of `pageSize`. */
function spannedSkips(from: number, to: number, pageSize: number): number[] {
  const skips: number[] = [];
  for (let skip = from; skip < to; skip += pageSize) skips.push(skip);
  return skips;
}

function decodeOffset(cursor: string, listKey: string): number {
  const parsed = cursorSchema.safeParse(decodeOpaque(cursor, 'cursor'));
  if (!parsed.success || parsed.data.q !== listKey) throw badUserInput('The cursor is not a cursor of this connection.');
  return parsed.data.o;
}
