import type { DownloadOrderResource } from '../../upstream/contentHub/model';

export interface StoredOrder {
  order: DownloadOrderResource;
  /** Entity ids of the order's targets. */
  targets: number[];
  /** Whole seconds, as HTTP dates carry them. */
  lastModified: Date;
  /** The size of its ZIP, once it has one; unset: the simulator's `zipBytes`. */
  zipBytes?: number;
}

/** The simulator's download orders, in id order. */
export class DownloadOrderStore {
  private readonly orders = new Map<number, StoredOrder>();

  list(): StoredOrder[] {
    return [...this.orders.values()].sort((a, b) => a.order.order_id - b.order.order_id);
  }

  get(orderId: number): StoredOrder | undefined {
    return this.orders.get(orderId);
  }

  put(order: DownloadOrderResource, targets: number[], lastModified = new Date(), zipBytes?: number): StoredOrder {
    const stored = { order, targets, lastModified: new Date(Math.floor(lastModified.getTime() / 1000) * 1000), zipBytes };
    this.orders.set(order.order_id, stored);
    return stored;
  }

  /**
   * The vendor working on an order: new fields, and a Last-Modified at least a second later than
   * the last one, so that If-Modified-Since (whole seconds) always sees the change.
   */
  update(orderId: number, changes: Partial<DownloadOrderResource>, at = new Date()): void {
    const stored = this.orders.get(orderId);
    if (!stored) throw new Error(`No order ${orderId}`);
    const next = Math.max(at.getTime(), stored.lastModified.getTime() + 1_000);
    this.put({ ...stored.order, ...changes }, stored.targets, new Date(next), stored.zipBytes);
  }
}
