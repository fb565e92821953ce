import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseRequest } from './errorBody';

export interface JsonBodyLimits {
  /** Largest body; a larger one is answered 413 PAYLOAD_TOO_LARGE. */
  maxBytes: number;
  /** How long the body may take to arrive; then 408 REQUEST_TIMEOUT and the connection closed. */
  timeoutMs: number;
}

/** What `readJsonBody` found: the parsed body, no body at all, or a refusal it already answered. */
export type JsonBody = { body: unknown } | { refused: true };

/**
 * Reads a request's JSON body once, in full, as `@apollo/server/standalone` does with
 * body-parser: `application/json` only (Apollo answers any other type, CSRF rule included),
 * UTF-8, an object or an array (an empty body is `{}`). Refusals answer in the GraphQL response
 * shape with a stable code:
 * - 413 PAYLOAD_TOO_LARGE as soon as Content-Length announces more than the limit (not a byte
 *   of the body read) or the body grows past it; the rest is drained, so the answer reaches the
 *   client and the connection can be reused;
 * - 408 REQUEST_TIMEOUT when the body has not arrived within the deadline. node:http's
 *   requestTimeout must be long enough for a large upload, so a JSON body (at most the limit, a
 *   second's work on any real link) trickled in a byte at a time would hold its socket for all
 *   of it: here it gets `timeoutMs`, then the socket goes with the answer;
 * - 415 for a charset or content encoding other than UTF-8 and identity; 400 BAD_REQUEST for a
 *   body that is not JSON.
 */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, limits: JsonBodyLimits): Promise<JsonBody> {
  if (!hasBody(req) || mediaTypeOf(req) !== 'application/json') return { body: undefined };
  const charset = /;\s*charset="?([\w-]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
  if (charset !== 'utf-8' && charset !== 'utf8') return refuse(req, res, 415, 'BAD_REQUEST', `unsupported charset "${charset.toUpperCase()}"`);
  const encoding = req.headers['content-encoding']?.toLowerCase() ?? 'identity';
  if (encoding !== 'identity') return refuse(req, res, 415, 'BAD_REQUEST', `unsupported content encoding "${encoding}"`);
  if (Number(req.headers['content-length']) > limits.maxBytes) return refuse(req, res, 413, 'PAYLOAD_TOO_LARGE', TOO_LARGE);

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (outcome: JsonBody) => {
      clearTimeout(deadline);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limits.maxBytes) chunks.push(chunk);
      else finish(refuse(req, res, 413, 'PAYLOAD_TOO_LARGE', TOO_LARGE));
    };
    const onEnd = () => finish(parse(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    // A client gone mid-body: nobody is left to answer.
    const onError = () => finish(REFUSED);
    const deadline = setTimeout(() => {
      refuseRequest(res, 408, 'REQUEST_TIMEOUT', `The request body did not arrive within ${limits.timeoutMs} ms.`, { connection: 'close' });
      // The body may never come: the socket goes with the answer.
      res.once('finish', () => req.socket.destroy());
      finish(REFUSED);
    }, limits.timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

const TOO_LARGE = 'request entity too large';
const REFUSED: JsonBody = { refused: true };

function parse(res: ServerResponse, bytes: Buffer): JsonBody {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return { body: {} };
  try {
    // body-parser's strict mode: a request is an object (or a batch, which Apollo refuses).
    if (!/^\s*[{[]/.test(text)) throw new SyntaxError('The JSON body must be an object.');
    return { body: JSON.parse(text) as unknown };
  } catch (error) {
    refuseRequest(res, 400, 'BAD_REQUEST', (error as Error).message);
    return REFUSED;
  }
}

/** Answers a refusal before the body was read whole, then drains the rest, so the answer is read. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): JsonBody {
  refuseRequest(res, status, code, message);
  req.resume();
  return REFUSED;
}

/** As type-is: a request has a body when it announces one (Content-Length or chunked). */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined;
}

/** The request's media type, lower-cased and without parameters (`application/json`). */
export function mediaTypeOf(req: IncomingMessage): string | undefined {
  const contentType = req.headers['content-type'];
  if (contentType === undefined) return undefined;
  const end = contentType.indexOf(';');
  return (end === -1 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
}
