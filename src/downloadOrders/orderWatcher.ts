import { EventEmitter, on } from 'node:events';
import type { ContentHubClient, FetchedDownloadOrder } from '../upstream/contentHub/client';
import { FINAL_STATES, stateOf } from '../upstream/contentHub/status';
import { GatewayError } from '../errors';
import { UpstreamCallLog } from '../upstream/http/callLog';

interface Watch {
  /** Emits 'order' on each change, 'end' at a final status, 'error' when the order cannot be read. */
  events: EventEmitter;
  watchers: number;
  last?: FetchedDownloadOrder;
  timer?: NodeJS.Timeout;
}

/**
 * Watches download orders until they are final, for any number of subscribers at once: one
 * poll per order per interval whoever watches it, each an If-Modified-Since revalidation (an
 * unchanged order costs a 304 and no body). Subscribers get the order at once, then whenever its
 * status or download location changes; the stream ends at a final status. Polling stops when
 * the last subscriber leaves. At most `maxOrders` orders are polled at once, so subscriptions
 * cannot turn into an unbounded stream of vendor calls; watching one more is refused.
 */
export class DownloadOrderWatcher {
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly client: ContentHubClient,
    private readonly intervalMs: number,
    private readonly maxOrders: number,
  ) {}

  /**
   * Resolves once the order has been read (rejecting, e.g. with NOT_FOUND, if it cannot be), to
   * its updates, the current order first.
   */
  async watch(orderId: string): Promise<AsyncIterableIterator<FetchedDownloadOrder>> {
    const watch = this.join(orderId);
    const updates = on(watch.events, 'order', { close: ['end'] }) as AsyncIterableIterator<[FetchedDownloadOrder]>;
    let pending = watch.last;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      this.leave(orderId, watch);
    };
    // A hand-written iterator rather than an async generator: an unsubscribe must end the
    // watch at once, even while waiting for the next change.
    const iterator: AsyncIterableIterator<FetchedDownloadOrder> = {
      next: async () => {
        if (pending) {
          const value = pending;
          pending = undefined;
          return { value, done: false };
        }
        const result = await updates.next().catch((error: unknown) => {
          leave();
          throw error;
        });
        if (result.done) leave();
        return result.done ? { value: undefined, done: true } : { value: result.value[0], done: false };
      },
      return: async () => {
        leave();
        await updates.return?.();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    const first = await iterator.next();
    if (!first.done) pending = first.value;
    return iterator;
  }

  /** Orders being polled now. */
  get polling(): number {
    return this.watches.size;
  }

  private join(orderId: string): Watch {
    let watch = this.watches.get(orderId);
    if (!watch) {
      if (this.watches.size >= this.maxOrders) {
        throw new GatewayError('SUBSCRIPTION_LIMIT_EXCEEDED', `The gateway watches at most ${this.maxOrders} download orders at once; try again later.`);
      }
      watch = { events: new EventEmitter(), watchers: 0 };
      watch.events.setMaxListeners(0);
      this.watches.set(orderId, watch);
      const started = watch;
      setImmediate(() => void this.poll(orderId, started));
    }
    watch.watchers += 1;
    return watch;
  }

  private async poll(orderId: string, watch: Watch): Promise<void> {
    if (this.watches.get(orderId) !== watch) return;
    try {
      const current = await this.client.getOrder({ calls: new UpstreamCallLog() }, orderId);
      if (!watch.last || changed(watch.last, current)) {
        watch.last = current;
        watch.events.emit('order', current);
      }
      if (FINAL_STATES.has(stateOf(current.order.status))) return this.end(orderId, watch, 'end');
    } catch (error) {
      return this.end(orderId, watch, 'error', error);
    }
    if (this.watches.get(orderId) !== watch) return;
    watch.timer = setTimeout(() => void this.poll(orderId, watch), this.intervalMs);
    watch.timer.unref();
  }

  private leave(orderId: string, watch: Watch): void {
    watch.watchers -= 1;
    if (watch.watchers === 0 && this.watches.get(orderId) === watch) {
      clearTimeout(watch.timer);
      this.watches.delete(orderId);
    }
  }

  private end(orderId: string, watch: Watch, event: 'end' | 'error', error?: unknown): void {
    clearTimeout(watch.timer);
    if (this.watches.get(orderId) === watch) this.watches.delete(orderId);
    watch.events.emit(event, error);
  }
}

function changed(before: FetchedDownloadOrder, after: FetchedDownloadOrder): boolean {
  return before.order.status !== after.order.status || before.order.download_location?.href !== after.order.download_location?.href;
}
