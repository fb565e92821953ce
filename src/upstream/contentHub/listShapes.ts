/** What the last read of a Content Hub collection told: its page size and its total. */
export interface ListShape {
  pageSize: number;
  total: number;
}

/**
 * The last known shape of each Content Hub collection (a bounded LRU map), so the next page of
 * it is read in one round of parallel `skip` reads instead of a first read to learn the page
 * size and total, then the rest. Only a hint: a stale shape costs an extra round, never data.
 */
export class ListShapes {
  private readonly shapes = new Map<string, ListShape>();

  constructor(private readonly maxEntries = 1_000) {}

  get(listKey: string): ListShape | undefined {
    return this.shapes.get(listKey);
  }

  set(listKey: string, shape: ListShape): void {
    this.shapes.delete(listKey);
    this.shapes.set(listKey, shape);
    if (this.shapes.size > this.maxEntries) this.shapes.delete(this.shapes.keys().next().value!);
  }
}
