import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context as WsContext } from 'graphql-ws';
import type { AssetContentLinks } from '../assets/contentLinks';
import { ACC_TOKEN_HEADER, AccToken } from '../auth/accToken';
import { ANONYMOUS } from '../auth/caller';
import type { Caller } from '../auth/caller';
import type { DownloadOrderWatcher } from '../downloadOrders/orderWatcher';
import type { GraphQLContext } from '../graphql/context';
import { createLoaders } from '../loaders';
import type { BatchObserver, LoaderOptions } from '../loaders';
import type { Logger } from '../observability/logger';
import type { Telemetry } from '../observability/telemetry';
import type { AssetImports } from '../imports/jobs/assetImports';
import type { VendorDownloads } from '../imports/vendorDownloads';
import type { Upstreams } from '../upstream';
import { UpstreamCallLog } from '../upstream/http/callLog';
import type { LinkOrigin } from '../access/linkOrigin';
import type { RequestLogFields } from './requestLog';
import type { UpgradeExtra } from './webSocketTransport';

/** What every request's context shares: one per process. */
export interface Services {
  upstreams: Upstreams;
  assetLinks: AssetContentLinks;
  downloadOrderWatcher: DownloadOrderWatcher;
  /** Where the gateway's own links point (PUBLIC_URL, or a trusted Host). */
  linkOrigin: LinkOrigin;
  /** Downloads of vendor files for asset imports (trusted origins only, never with credentials). */
  downloads: VendorDownloads;
  /** Asset import jobs: they run in the process, not in the request that started them. */
  imports: AssetImports;
  /** DataLoader switches; default on (see LoaderOptions). */
  loaderOptions?: LoaderOptions;
  telemetry: Telemetry;
}

/** What one request's context is made of; the rest comes from `Services`. */
interface RequestFacts {
  caller: Caller;
  accToken: AccToken;
  signal: AbortSignal;
  /** Where the request's links point; asked only when a resolver hands out a link. */
  origin: () => string;
  requestId: string;
  log: Logger;
  logFields?: RequestLogFields;
}

/**
 * Builds every request's context. What does not depend on the request (the batch-size observer)
 * is made once here; per request there is the context, its upstream scope and call log, and the
 * loaders and the links' origin, each made when a resolver first needs it.
 */
function contextBuilder(services: Services): (request: RequestFacts) => GraphQLContext {
  const { metrics } = services.telemetry;
  const observeBatch: BatchObserver = (loader, size) => metrics.loaderBatches.observe({ loader }, size);
  return (request) => {
    const scope = { signal: request.signal, calls: new UpstreamCallLog(), log: request.log };
    let publicBaseUrl: string | undefined;
    return {
      upstreams: services.upstreams,
      downloads: services.downloads,
      imports: services.imports,
      scope,
      caller: request.caller,
      accToken: request.accToken,
      loaders: createLoaders(services.upstreams, scope, request.accToken, observeBatch, services.loaderOptions),
      assetLinks: services.assetLinks,
      downloadOrderWatcher: services.downloadOrderWatcher,
      get publicBaseUrl() {
        return (publicBaseUrl ??= request.origin());
      },
      requestId: request.requestId,
      log: request.log,
      logFields: request.logFields,
    };
  };
}

/** Each HTTP request's context: its credentials, call log, abort signal and loaders. */
export function httpContext(services: Services) {
  const graphqlContext = contextBuilder(services);
  return (req: IncomingMessage, res: ServerResponse, caller: Caller): GraphQLContext => {
    // A client that goes away takes its in-flight vendor calls with it.
    const disconnected = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) disconnected.abort();
    });
    return graphqlContext({
      caller,
      accToken: AccToken.fromHeader(req.headers[ACC_TOKEN_HEADER]),
      signal: disconnected.signal,
      origin: () => services.linkOrigin.of(req),
      requestId: req.id,
      log: req.log,
      logFields: req.logFields,
    });
  };
}

/**
 * Each graphql-ws operation's context. Browsers cannot set headers on a WebSocket, so the ACC
 * token comes in the connection's init payload under the same name as the header.
 */
export function wsContext(services: Services) {
  const graphqlContext = contextBuilder(services);
  return (connection: WsContext<Record<string, unknown> | undefined, UpgradeExtra>, signal: AbortSignal): GraphQLContext => {
    const token = connection.connectionParams?.[ACC_TOKEN_HEADER];
    // A subscription has no HTTP request of its own: each operation gets an id.
    const requestId = randomUUID();
    return graphqlContext({
      // Set when `connection_init` was accepted, before any operation can run.
      caller: connection.extra.caller ?? ANONYMOUS,
      accToken: AccToken.fromHeader(typeof token === 'string' ? token : undefined),
      signal,
      origin: () => services.linkOrigin.of(connection.extra.request),
      requestId,
      log: services.telemetry.logger.child({ reqId: requestId }),
    });
  };
}
