import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import type { AssetContentLinks } from '../assets/contentLinks';
import { ACC_TOKEN_HEADER, AccToken } from '../auth/accToken';
import type { GraphQLContext } from '../graphql/context';
import { createLoaders } from '../loaders';
import type { Upstreams } from '../upstream';
import { UpstreamCallLog } from '../upstream/http/callLog';

/** Builds each GraphQL request's context: its credentials, call log, abort signal and loaders. */
export function requestContext(shared: { upstreams: Upstreams; assetLinks: AssetContentLinks; publicUrl?: string }) {
  return async ({ req, res }: ExpressContextFunctionArgument): Promise<GraphQLContext> => {
    // A client that goes away takes its in-flight vendor calls with it.
    const disconnected = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) disconnected.abort();
    });
    const scope = { signal: disconnected.signal, calls: new UpstreamCallLog() };
    const accToken = AccToken.fromHeader(req.headers[ACC_TOKEN_HEADER]);
    return {
      upstreams: shared.upstreams,
      scope,
      accToken,
      loaders: createLoaders(shared.upstreams, scope, accToken),
      assetLinks: shared.assetLinks,
      publicBaseUrl: shared.publicUrl ?? `${req.protocol}://${req.get('host')}`,
    };
  };
}
