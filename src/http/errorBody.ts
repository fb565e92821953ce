import type { ServerResponse } from 'node:http';

/** The GraphQL response shape for a request refused as a whole, before or instead of its data. */
export function requestErrorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * Answers a request refused as a whole with that shape, and names its code on the request's log
 * line. `headers` join the ones already set (CORS, the request id).
 */
export function refuseRequest(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.req.logFields.code = code;
  sendJson(res, status, requestErrorBody(code, message), headers);
}

/** Answers with `body` as JSON; `headers` join the ones already set. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
