import type { AssetContentLinks } from '../assets/contentLinks';
import type { AccToken } from '../auth/accToken';
import type { Caller } from '../auth/caller';
import type { DownloadOrderWatcher } from '../downloadOrders/orderWatcher';
import type { Loaders } from '../loaders';
import type { Logger } from '../observability/logger';
import type { RequestLogFields } from '../http/requestLog';
import type { AssetImports } from '../imports/jobs/assetImports';
import type { VendorDownloads } from '../imports/vendorDownloads';
import type { Upstreams } from '../upstream';
import type { UpstreamScope } from '../upstream/http/callLog';

/** What every resolver gets for one GraphQL request. */
export interface GraphQLContext {
  upstreams: Upstreams;
  /** Downloads of vendor files for asset imports (src/imports/vendorDownloads.ts). */
  downloads: VendorDownloads;
  /** The process's asset import jobs (src/imports/jobs/assetImports.ts). */
  imports: AssetImports;
  loaders: Loaders;
  /** Scope of this request's vendor calls: abort signal and call counts. */
  scope: UpstreamScope;
  /** Who is asking (src/auth/caller.ts): what @authenticated and @requiresScopes are checked against. */
  caller: Caller;
  accToken: AccToken;
  assetLinks: AssetContentLinks;
  downloadOrderWatcher: DownloadOrderWatcher;
  /** The gateway's public origin, for the URLs it hands out (PUBLIC_URL, or this request's). */
  publicBaseUrl: string;
  /** This request's id (x-request-id) and a logger that puts it on every line. */
  requestId: string;
  log: Logger;
  /** Over HTTP: the fields of the request's one log line, which the operation's fields join. */
  logFields?: RequestLogFields;
}
