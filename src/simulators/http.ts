import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultInjector, jsonPaddingOf } from './faults';
import { closeNow, listen } from '../http/listen';

/**
 * What every vendor simulator shares: a real HTTP server on loopback, a log of the requests it
 * received (tests count vendor calls with it), a fixed artificial latency, and JSON helpers.
 */

export interface RecordedRequest {
  method: string;
  /** The raw (still percent-encoded) path, without the query string. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body, once the handler has read one. Authorization is never recorded. */
  body?: unknown;
  /** The status answered, once the answer is sent. */
  status?: number;
  /** How many other requests were being answered when this one arrived (shows parallel calls). */
  inFlight: number;
}

export interface SimulatorRequest {
  raw: http.IncomingMessage;
  method: string;
  url: URL;
  record: RecordedRequest;
}

export type SimulatorHandler = (request: SimulatorRequest, response: http.ServerResponse) => Promise<void> | void;

export interface SimulatorOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Added before every answer, to mimic a vendor's network distance. */
  latencyMs?: number;
}

export interface SimulatorServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  url: string;
  requests: RecordedRequest[];
  /** Vendor misbehaviour on demand: latency, resets, cut or slow bodies, bad or padded JSON, flapping, 429, 304. */
  faults: FaultInjector;
  close(): Promise<void>;
}

export class SimulatorHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startSimulatorServer(handler: SimulatorHandler, options: SimulatorOptions = {}): Promise<SimulatorServer> {
  const requests: RecordedRequest[] = [];
  const faults = new FaultInjector();
  let inFlight = 0;
  const server = http.createServer((raw, response) => {
    const url = parseTarget(raw.url);
    const record: RecordedRequest = {
      method: raw.method ?? 'GET',
      path: url?.pathname ?? raw.url ?? '',
      query: url ? Object.fromEntries(url.searchParams) : {},
      inFlight,
    };
    requests.push(record);
    inFlight += 1;
    response.on('close', () => {
      inFlight -= 1;
    });
    response.on('finish', () => {
      record.status = response.statusCode;
    });
    void (async () => {
      if (options.latencyMs) await sleep(options.latencyMs);
      if (await faults.apply(raw, response)) return;
      if (!url) throw new SimulatorHttpError(400, 'The request target must be a path');
      await handler({ raw, method: record.method, url, record }, response);
    })().catch((error: unknown) => {
      const status = error instanceof SimulatorHttpError ? error.status : 500;
      const message = error instanceof SimulatorHttpError ? error.message : 'Internal simulator error';
      if (!response.headersSent) sendJson(response, status, { code: status, message });
      else response.destroy();
    });
  });
  return { url: await listen(server, options.port ?? 0, options.host ?? '127.0.0.1'), requests, faults, close: () => closeNow(server) };
}

// Read as a path on a fixed origin, so `//host/x` stays a path; an absolute-form or malformed
// target becomes the client's 400 instead of an exception that would take the process down.
function parseTarget(target = '/'): URL | undefined {
  if (!target.startsWith('/')) return undefined;
  try {
    return new URL(`http://simulator${target}`);
  } catch {
    return undefined;
  }
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = ' '.repeat(jsonPaddingOf(response)) + JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Reads a JSON body of at most `maxBytes`: 400 for another content type or bad JSON, 413 over the cap. */
export async function readJsonBody(request: SimulatorRequest, maxBytes = 1024 * 1024): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.raw.headers['content-type'] ?? '')) {
    throw new SimulatorHttpError(400, 'Content-Type must be application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new SimulatorHttpError(413, 'Request body too large');
    chunks.push(chunk);
  }
  try {
    request.record.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new SimulatorHttpError(400, 'Malformed JSON body');
  }
  return request.record.body;
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(request: SimulatorRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.raw.headers.authorization ?? '')?.[1];
}

/** Decoded path segments; a malformed percent-escape is the client's 400. */
export function pathSegments(url: URL): string[] {
  try {
    return url.pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    throw new SimulatorHttpError(400, 'Malformed path');
  }
}
