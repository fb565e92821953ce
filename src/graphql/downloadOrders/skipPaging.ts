import { z } from 'zod';
import { GatewayError, badUserInput } from '../../errors';
import type { ContentHubCollection } from '../../upstream/contentHub/model';
import type { PageInfo } from '../../generated/resolvers';
import { checkPageSize } from '../relay/pageSize';
import { decodeOpaque, encodeOpaque } from '../relay/opaque';

/**
 * Relay paging, both ways, over Content Hub's `skip` paging. A cursor is the item's offset in
 * the vendor's list. The vendor pages with its own page size, so a requested page is filled from
 * as many vendor pages as it spans: the first read tells the page size and the total, and the
 * rest of the range is then read all at once, by skip (two round trips instead of one per
 * vendor page). The vendor's next links are not needed, so never followed. `last` without
 * `before` needs the total first, which the first vendor page tells.
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
  let pageSize: number | undefined;
  // Every vendor page holds at least one item, so a page of at most 100 needs at most 100 reads.
  for (let reads = 0; position < end && (total === undefined || position < total); ) {
    if (fetched.has(position)) {
      position += 1;
      continue;
    }
    if (reads > 100) throw new GatewayError('UPSTREAM_BAD_RESPONSE', 'The contentHub API pages do not advance.', { upstream: 'contentHub' });
    const skips = pageSize === undefined ? [position] : spannedSkips(position, Math.min(end, total ?? end), pageSize);
    const pages = await Promise.all(skips.map(read));
    reads += skips.length;
    const firstItems = pages[0]!.items?.length ?? 0;
    if (!firstItems) break;
    pageSize ??= firstItems;
  }
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
