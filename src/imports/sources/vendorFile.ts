import { GatewayError } from '../../errors';
import type { UpstreamName } from '../../errors';
import type { GraphQLContext } from '../../graphql/context';
import type { ImportableFile } from '../importableFile';
import type { DownloadCredentials } from '../vendorDownloads';

export interface VendorFileFacts {
  upstream: UpstreamName;
  /** The URL the vendor returned for the file. */
  url: string;
  filename: string;
  contentType: string;
  size: number | null;
  /** What the vendor's own origin needs to serve it, if anything (VendorDownloads sends it nowhere else). */
  credentials?: DownloadCredentials;
}

/**
 * The ImportableFile of a URL a vendor returned, refused now (UPSTREAM_BAD_RESPONSE, as the
 * download itself would be) when its origin is not trusted: the mutation answers at once rather
 * than a job failing later.
 */
export function vendorFile(facts: VendorFileFacts, context: GraphQLContext): ImportableFile {
  const { upstream, url, filename, contentType, size, credentials } = facts;
  if (!context.downloads.trusts(url)) {
    throw new GatewayError('UPSTREAM_BAD_RESPONSE', `The ${upstream} API points this file at a host IMPORT_DOWNLOAD_ORIGINS does not trust.`, { upstream });
  }
  const { downloads } = context;
  return { upstream, filename, contentType, size, open: (signal) => downloads.open(upstream, url, signal, credentials) };
}
