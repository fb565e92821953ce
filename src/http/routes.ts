import type { IncomingMessage, ServerResponse } from 'node:http';
import { ASSET_CONTENT_PATH } from '../assets/contentLinks';
import { refuseRequest, requestErrorBody, sendJson } from './errorBody';
import { GRAPHQL_PATH } from './graphqlRoute';
import { pathOf } from './requestLog';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Routes {
  /** Every method: Apollo answers the ones it does not serve (405 with Allow: GET, POST). */
  graphql: Handler;
  /** GET /assets/:key/content, with the key percent-decoded. */
  assetContent: (req: IncomingMessage, res: ServerResponse, key: string) => Promise<void>;
  /** GET (and HEAD) routes on fixed paths: /healthz, /readyz, /metrics when on the public port. */
  cold: ReadonlyMap<string, Handler>;
}

/** The metrics' route label of requests no route serves (docs/observability.md). */
export const UNMATCHED = 'unmatched';
const ASSET_ROUTE = `${ASSET_CONTENT_PATH}/:key/content`;
const ASSET_PREFIX = `${ASSET_CONTENT_PATH}/`;
const ASSET_SUFFIX = '/content';

/**
 * The gateway's one request path, by method and path, without a framework: four fixed paths and
 * one template are all it serves, so a lookup is less code than a router and costs nothing on
 * /graphql. `onRoute` learns each request's route template (its metrics label) before it runs.
 * A handler that fails answers 500 in the GraphQL response shape (or drops a started answer).
 */
export function createRouter(routes: Routes, onRoute: (req: IncomingMessage, res: ServerResponse, route: string) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = pathOf(req.url);
    if (path === GRAPHQL_PATH) {
      onRoute(req, res, GRAPHQL_PATH);
      return run(req, res, routes.graphql(req, res));
    }
    const cold = routes.cold.get(path);
    const key = cold ? undefined : assetKeyOf(path);
    const route = cold ? path : key !== undefined ? ASSET_ROUTE : UNMATCHED;
    onRoute(req, res, route);
    // Probes of unknown paths and methods are not the client's GraphQL mistakes: no code on the log line.
    if (route === UNMATCHED) return sendJson(res, 404, requestErrorBody('NOT_FOUND', 'No route serves this path.'));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, requestErrorBody('METHOD_NOT_ALLOWED', `${route} answers GET and HEAD only.`), { allow: 'GET, HEAD' });
    }
    if (cold) return run(req, res, cold(req, res));
    const decoded = decodedKey(key!);
    if (decoded === undefined) {
      req.logFields.code = 'BAD_REQUEST';
      return sendJson(res, 400, { error: { code: 'BAD_REQUEST', message: 'The asset key is not a valid percent-encoding.' } });
    }
    run(req, res, routes.assetContent(req, res, decoded));
  };
}

/** The still-encoded `:key` of /assets/:key/content (one non-empty segment), or undefined. */
function assetKeyOf(path: string): string | undefined {
  if (!path.startsWith(ASSET_PREFIX) || !path.endsWith(ASSET_SUFFIX)) return undefined;
  const key = path.slice(ASSET_PREFIX.length, -ASSET_SUFFIX.length);
  return key !== '' && !key.includes('/') ? key : undefined;
}

function decodedKey(key: string): string | undefined {
  try {
    return decodeURIComponent(key);
  } catch {
    return undefined;
  }
}

function run(req: IncomingMessage, res: ServerResponse, handled: void | Promise<void>): void {
  handled?.catch((error: unknown) => {
    req.log.error({ err: error }, 'request failed');
    if (res.headersSent) return void res.destroy();
    refuseRequest(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  });
}
