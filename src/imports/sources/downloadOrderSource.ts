import { badUserInput } from '../../errors';
import type { GraphQLContext } from '../../graphql/context';
import { stateOf } from '../../upstream/contentHub/status';
import type { ContentHubLink, DownloadOrderResource } from '../../upstream/contentHub/model';
import type { ImportableFile } from '../importableFile';
import type { VendorDownloads } from '../vendorDownloads';
import { safeFileName } from './fileNames';
import { assertMayReadSource } from './sourceAccess';
import { vendorFile } from './vendorFile';

/**
 * A Content Hub download order's ZIP: only a COMPLETED order with a download location has one.
 * The ZIP is on Content Hub's own server, where "both [token and client ID] are sent with every
 * request": they go along only when the link's origin is the Content Hub API's own.
 */
export async function resolveDownloadOrderSource(orderId: string, context: GraphQLContext): Promise<ImportableFile> {
  assertMayReadSource('DownloadOrder', context.caller);
  const { order } = await context.loaders.downloadOrder.load(orderId);
  const location = zipLocationOf(order);
  if (!location) {
    const state = stateOf(order.status);
    const status = state === 'COMPLETED' ? 'COMPLETED without a download location' : state === 'UNKNOWN' ? `"${order.status ?? ''}"` : state;
    throw badUserInput(`Download order ${orderId} is ${status}: only a COMPLETED order's ZIP can be imported.`);
  }
  const contentHub = context.upstreams.contentHub;
  return vendorFile(
    {
      upstream: 'contentHub',
      url: location.href,
      filename: (location.title && safeFileName(location.title)) || `order-${order.order_id}.zip`,
      contentType: 'application/zip',
      size: null,
      credentials: contentHub.downloadCredentials(),
    },
    context,
  );
}


type ZipFields = Pick<DownloadOrderResource, 'status' | 'download_location'>;

/** Where a COMPLETED order's ZIP is; undefined for any other order, or one without a location. */
function zipLocationOf(order: ZipFields): ContentHubLink | undefined {
  return stateOf(order.status) === 'COMPLETED' ? (order.download_location ?? undefined) : undefined;
}

/** `DownloadOrder.importable`: COMPLETED, with a download location on a trusted origin. */
export function isDownloadOrderImportable(order: ZipFields, downloads: VendorDownloads): boolean {
  const location = zipLocationOf(order);
  return location !== undefined && downloads.trusts(location.href);
}
