import DataLoader from 'dataloader';
import type { FetchedDownloadOrder, ContentHubClient } from '../upstream/contentHub/client';
import type { UpstreamScope } from '../upstream/http/callLog';
import { loadEachKey } from './eachKey';
import type { LoaderOptions } from './loaderOptions';

/**
 * Download orders by id, per request. Content Hub has no batch endpoint: the same order asked
 * many times is one call, different ones go out in parallel (bounded by the pool's connections
 * to the host), and each revalidates what an earlier request fetched (see ContentHubClient).
 */
export function createDownloadOrderLoader(
  client: ContentHubClient,
  scope: UpstreamScope,
  onBatch: (size: number) => void,
  options: LoaderOptions = {},
): DataLoader<string, FetchedDownloadOrder> {
  return new DataLoader<string, FetchedDownloadOrder>((orderIds) => {
    onBatch(orderIds.length);
    return loadEachKey(orderIds, (orderId) => client.getOrder(scope, orderId));
  }, options);
}
