import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../observability/logger';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming id is kept only when short and plain, so a client cannot forge log structure. */
const SANE_REQUEST_ID = /^[\w.:+/=-]{1,128}$/;

/** Probed every few seconds: counted in the metrics, left out of the access log. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The access log (pino-http): one line per response with method, path, status and time, under
 * the request's id. The id is the caller's `x-request-id` when sane, else a new UUID, and is
 * echoed in the response; `req.log` carries it to every later line of the request. Headers are
 * not logged, and query strings (a signed asset link's signature) are cut off.
 */
export function accessLog(logger: Logger) {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    genReqId: (req, res) => {
      const incoming = req.headers[REQUEST_ID_HEADER];
      const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    autoLogging: { ignore: (req) => QUIET_PATHS.has(pathOf(req.url)) },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: { method: string; url: string; remoteAddress?: string }) => ({ method: req.method, url: pathOf(req.url), remoteAddress: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0]!;
}
