import type { Loaders } from '../../loaders';
import type { FetchedDownloadOrder } from '../../upstream/contentHub/client';
import type { DownloadOrderResource } from '../../upstream/contentHub/model';

/**
 * One order, one set of values, whatever path reached it: a field the answer at hand does not
 * carry is read from the order by id, so a list item that lacks it (its Last-Modified always:
 * a list has no per-item header; any field the vendor leaves out of list items) answers what
 * `downloadOrder(id)` answers, never a null that would wipe a client cache's value. The read by
 * id goes through the request's DataLoader: one call per order however many fields ask,
 * revalidated with If-Modified-Since across requests.
 */
function orderById(model: FetchedDownloadOrder, loaders: Loaders): Promise<FetchedDownloadOrder> {
  return loaders.downloadOrder.load(String(model.order.order_id));
}

/** The vendor's `field` of the order: from the answer at hand when it is the order's own or carries it. */
export async function orderField<K extends keyof DownloadOrderResource>(
  model: FetchedDownloadOrder,
  field: K,
  loaders: Loaders,
): Promise<NonNullable<DownloadOrderResource[K]> | null> {
  const value = model.order[field];
  if (value !== undefined || model.lastModified !== undefined) return value ?? null;
  return (await orderById(model, loaders)).order[field] ?? null;
}

/** When the order last changed: Content Hub's Last-Modified, which only the order's own answer carries. */
export async function orderLastModified(model: FetchedDownloadOrder, loaders: Loaders): Promise<Date | null> {
  if (model.lastModified !== undefined) return model.lastModified;
  return (await orderById(model, loaders)).lastModified ?? null;
}
