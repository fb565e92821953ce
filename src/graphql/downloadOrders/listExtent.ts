import type { ContentHubCollection } from '../../upstream/contentHub/model';

/**
 * Where a Content Hub list ends, as far as the pages read so far tell. `total_items` says it
 * when the vendor gives it, but its doc allows null ("integer or null"), so the pages tell it
 * too: an empty page lies past the end; a page with no `next` link that is shorter than another
 * page ends the list (Content Hub pages a list with one page size of its choosing); a `next`
 * link says an item follows, and only that (its target is never requested: pages are read by
 * `skip` on the configured origin).
 */
export class ListExtent {
  /** The list holds at least this many items… */
  private atLeast = 0;
  /** …and at most this many. */
  private atMost = Number.POSITIVE_INFINITY;
  /** Offsets the vendor said an item is at: right after a page that came with a `next` link. */
  private readonly announced = new Set<number>();
  /** The remembered length, probed first when the end is searched for; used once. */
  private rememberedLength: number | undefined;

  /**
   * @param pageSize the most items a page held, remembered from earlier reads of the list. The
   *   largest page seen is never more than the vendor's page size, so a page with fewer is short
   *   (were it smaller, a page would merely be read twice, never missed).
   */
  constructor(
    public pageSize: number,
    rememberedLength: number | undefined,
  ) {
    this.rememberedLength = rememberedLength;
  }

  /** The list's length, once the pages read tell it exactly. */
  get length(): number | undefined {
    return this.atLeast === this.atMost ? this.atLeast : undefined;
  }

  /** No item lies at or after this offset, as far as is known. */
  get readableEnd(): number {
    return this.atMost;
  }

  /** Whether an item lies at `offset`; undefined until a page tells it. */
  holds(offset: number): boolean | undefined {
    if (offset >= this.atMost) return false;
    if (offset < this.atLeast || this.announced.has(offset)) return true;
    return undefined;
  }

  /** Learns from one answer to a read at `skip`. */
  learn(skip: number, page: ContentHubCollection<unknown>): void {
    const count = page.items?.length ?? 0;
    const offset = page.offset ?? skip;
    const end = offset + count;
    if (page.total_items != null) {
      this.atLeast = this.atMost = page.total_items;
    } else if (count === 0) {
      this.shrinkTo(offset);
    } else {
      this.growTo(end);
      if (page.next) this.announced.add(end);
      else if (count < this.pageSize) this.shrinkTo(end);
    }
    this.pageSize = Math.max(this.pageSize, count);
  }

  /**
   * The offset to read next to find the end: the remembered end first (a page ending just past
   * it, so that a short page there settles it in one read), then doubling, then halving the gap.
   * Every read there moves one bound, so the search ends.
   */
  nextProbe(): number {
    const remembered = this.rememberedLength;
    this.rememberedLength = undefined;
    if (remembered !== undefined && remembered > this.atLeast && this.atMost === Number.POSITIVE_INFINITY) {
      return Math.max(this.atLeast, remembered - Math.max(this.pageSize, 1) + 1);
    }
    if (this.atMost === Number.POSITIVE_INFINITY) return this.atLeast === 0 ? 0 : 2 * this.atLeast - 1;
    // A gap one page covers is settled by reading it.
    const gap = this.atMost - this.atLeast;
    return gap <= this.pageSize ? this.atLeast : this.atLeast + Math.floor(gap / 2);
  }

  /** The list ends at or before `offset` (the newest answer wins over older ones). */
  private shrinkTo(offset: number): void {
    this.atMost = Math.min(this.atMost, offset);
    this.atLeast = Math.min(this.atLeast, this.atMost);
  }

  /** The list holds at least `count` items (it may have grown since an older answer). */
  private growTo(count: number): void {
    this.atLeast = Math.max(this.atLeast, count);
    if (this.atMost < this.atLeast) this.atMost = Number.POSITIVE_INFINITY;
  }
}
