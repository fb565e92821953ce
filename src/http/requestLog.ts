import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../observability/logger';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming id is kept only when short and plain, so a client cannot forge log structure. */
const SANE_REQUEST_ID = /^[\w.:+/=-]{1,128}$/;

/** Probed every few seconds: counted in the metrics, left out of the log. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * What a request's one log line says beyond method, path, status and time, filled in by the
 * handlers it passes: its caller (never the token), the code it was refused with, and for a
 * GraphQL operation its name, type, outcome, error codes and vendor calls.
 */
export interface RequestLogFields {
  caller?: string;
  sub?: string;
  clientId?: string;
  /** The app that sent the operation (`apollographql-client-name` and `-version`). */
  clientName?: string;
  clientVersion?: string;
  code?: string;
  operation?: string;
  type?: string;
  outcome?: string;
  errorCodes?: string[];
  upstreamCalls?: Record<string, number>;
}

declare module 'http' {
  interface IncomingMessage {
    /** This request's id: the caller's `x-request-id` when sane, else a new UUID. */
    id: string;
    /** The gateway's logger with this request's id on every line. */
    log: Logger;
    /** The fields of this request's log line, written when its response is done. */
    logFields: RequestLogFields;
  }
}

/**
 * One log line per request (except the quiet probes), under the request's id, written when the
 * response is done: method, path, status, duration, remote address and what the handlers put
 * in `req.logFields`. The id is the caller's `x-request-id` when sane, else a new UUID, and is
 * echoed in the response; `req.log` carries it to every other line of the request (errors,
 * vendor failures). Headers are not logged, and query strings (a signed asset link's
 * signature) are cut off. A node:http middleware, so it serves any router.
 */
export function requestLog(logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const started = performance.now();
    const incoming = req.headers[REQUEST_ID_HEADER];
    const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, id);
    req.id = id;
    req.log = logger.child({ reqId: id });
    req.logFields = {};
    const path = pathOf(req.url);
    if (!QUIET_PATHS.has(path)) {
      // Read now: a socket closed with the answer no longer knows its peer.
      const { remoteAddress } = req.socket;
      res.once('close', () => {
        const status = res.statusCode;
        const fields = { method: req.method, path, status, durationMs: Math.round(performance.now() - started), remoteAddress, ...req.logFields };
        req.log[status >= 500 ? 'error' : 'info'](fields, res.writableFinished ? 'request completed' : 'request aborted');
      });
    }
    next();
  };
}

export function pathOf(url: string | undefined = ''): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
