import { z } from 'zod';
import { GatewayError, badUserInput } from '../../errors';
import type { ListShape, ListShapes } from '../../upstream/contentHub/listShapes';
import type { ContentHubCollection } from '../../upstream/contentHub/model';
import type { PageInfo } from '../../generated/resolvers';
import { checkPageSize } from '../relay/pageSize';
import { decodeOpaque, encodeOpaque } from '../relay/opaque';
import { ListExtent } from './listExtent';

/**
 * Relay paging, both ways, over Content Hub's `skip` paging. A cursor is the item's offset in
 * the vendor's list. The vendor pages with its own page size, so a requested page is filled from
 * as many vendor pages as it spans, read all at once by skip when the list's page size (and
 * length) are known from an earlier read (`shapes`), else after a first read tells them: one or
 * two round trips, never one per vendor page. The vendor's next/previous links are never
 * followed (a `next` link only tells that more follows: see ListExtent). Where the list ends is
 * read from `total_items` or, when the vendor answers it null, from the pages themselves, so a
 * page is never cut short silently: `last` without `before` and `totalCount` search for the end
 * (ListExtent.nextProbe) when no answer told it.
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
  /** How many items the list holds: told by the vendor, or found by reading on when asked. */
  totalCount: () => Promise<number>;
}

type Collection<T> = ContentHubCollection<T>;
const cursorSchema = z.object({ q: z.string(), o: z.number().int().min(0) });
/** Reads one connection field may make: a page of 100 over pages of one, plus a search for the end. */
const MAX_READS = 100 + 2 * 53;

export async function skipPage<T>(
  fetchPage: (skip: number) => Promise<Collection<T>>,
  args: RelayArgs,
  listKey: string,
  shapes: ListShapes,
): Promise<SkipPage<T>> {
  if (args.first != null && args.last != null) throw badUserInput('Pass `first` or `last`, not both.');
  const afterOffset = args.after ? decodeOffset(args.after, listKey) : -1;
  const beforeOffset = args.before ? decodeOffset(args.before, listKey) : undefined;
  const list = new SkipList(fetchPage, listKey, shapes);

  let start: number;
  let end: number;
  if (args.last != null) {
    const last = checkPageSize('last', args.last);
    end = beforeOffset ?? (await list.length());
    start = Math.max(afterOffset + 1, end - last);
  } else {
    const first = checkPageSize('first', args.first ?? 25);
    start = afterOffset + 1;
    end = Math.min(start + first, beforeOffset ?? Number.POSITIVE_INFINITY);
  }
  await list.fill(start, end);
  const edges = list.edges(start, end);
  return {
    edges,
    totalCount: () => list.length(),
    pageInfo: {
      // Offsets are the vendor's, and its answers tell what lies past the page (or are asked).
      hasNextPage: await list.holds(start + edges.length),
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** One connection field's reads of a Content Hub list: the items by offset, and what is known of its end. */
class SkipList<T> {
  private readonly items = new Map<number, T>();
  private readonly extent: ListExtent;
  private readonly remembered: ListShape | undefined;
  private reads = 0;

  constructor(
    private readonly fetchPage: (skip: number) => Promise<Collection<T>>,
    private readonly listKey: string,
    private readonly shapes: ListShapes,
  ) {
    this.remembered = shapes.get(listKey);
    this.extent = new ListExtent(this.remembered?.pageSize ?? 0, this.remembered?.total);
  }

  /** Reads the items at offsets [from, to) that exist, in as few rounds as the known shape allows. */
  async fill(from: number, to: number): Promise<void> {
    for (let position = from; position < Math.min(to, this.extent.readableEnd); ) {
      if (this.items.has(position)) {
        position += 1;
        continue;
      }
      // Up to the end of the range or the list, as far as it is known; at least this position.
      const upTo = Math.max(position + 1, Math.min(to, this.extent.readableEnd, this.remembered?.total ?? to));
      const { pageSize } = this.extent;
      const pages = await Promise.all((pageSize === 0 ? [position] : spannedSkips(position, upTo, pageSize)).map((skip) => this.read(skip)));
      if (!pages[0]!.items?.length) break;
    }
  }

  edges(from: number, to: number): SkipPage<T>['edges'] {
    const edges: SkipPage<T>['edges'] = [];
    for (let offset = from; offset < to && this.items.has(offset); offset += 1) {
      edges.push({ cursor: encodeOpaque({ q: this.listKey, o: offset }), node: this.items.get(offset)! });
    }
    return edges;
  }

  /** Whether an item lies at `offset`, reading there when no answer told it. */
  async holds(offset: number): Promise<boolean> {
    const known = this.extent.holds(offset);
    if (known !== undefined) return known;
    await this.read(offset);
    return this.extent.holds(offset) ?? false;
  }

  /** The list's length, searched for when no answer told it. */
  async length(): Promise<number> {
    let length = this.extent.length;
    while (length === undefined) {
      await this.read(this.extent.nextProbe());
      length = this.extent.length;
    }
    return length;
  }

  private async read(skip: number): Promise<Collection<T>> {
    this.reads += 1;
    if (this.reads > MAX_READS) throw new GatewayError('UPSTREAM_BAD_RESPONSE', 'The contentHub API pages do not advance.', { upstream: 'contentHub' });
    const page = await this.fetchPage(skip);
    const offset = page.offset ?? skip;
    (page.items ?? []).forEach((item, index) => this.items.set(offset + index, item));
    this.extent.learn(skip, page);
    const { pageSize, length } = this.extent;
    if (pageSize > 0 && length !== undefined) this.shapes.set(this.listKey, { pageSize, total: length });
    return page;
  }
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
