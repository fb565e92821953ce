import type { Readable } from 'node:stream';
import { Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { GatewayError, badUserInput } from '../../errors';
import type { ErrorCode, UpstreamName } from '../../errors';
import type { UpstreamScope } from './callLog';
import { UNOBSERVED } from './callObserver';
import type { UpstreamObserver } from './callObserver';
import { Deadline } from './deadline';
import type { VendorPath } from './path';
import { UpstreamResilience } from './resilience';
import type { ResilienceOptions } from './resilience';
import { errorForStatus } from './statusErrors';

export interface UpstreamHttpOptions {
  upstream: UpstreamName;
  /** Origin plus an optional path prefix, e.g. https://developer.api.autodesk.com */
  baseUrl: string;
  /**
   * Deadline for one JSON call, from sending the request to the last body byte; a streamed
   * answer gets it for its headers, and then this long between two body chunks.
   */
  timeoutMs: number;
  /** Most connections open to the origin at once; null for no cap. */
  connections: number | null;
  /** JSON answers larger than this are refused rather than buffered (default 16 MiB). */
  maxJsonBytes?: number;
  /** What one incoming request may make its vendors do (default: no limit). */
  operationBudget?: OperationBudget;
  /** Retries and circuit breaker; defaults follow DESIGN.md section 5. */
  resilience?: Partial<ResilienceOptions>;
  /** Told about every call, failure and circuit change (logs, metrics, traces). */
  observer?: UpstreamObserver;
}

/** Limits over all the vendor calls of one incoming request (its UpstreamScope). */
export interface OperationBudget {
  /** Vendor calls sent, retries included; past it a call is not sent. */
  calls: number;
  /** Bytes of vendor JSON held at once; the call that would pass it fails and drops its buffer. */
  responseBytes: number;
}

/** Built with `vendorPath` so caller-supplied ids stay single, encoded segments. */
export interface UpstreamRequest extends VendorPath {
  method: 'GET' | 'POST';
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  /**
   * A JSON value, or a stream of bytes. A streamed body (an upload) is sent chunked as it
   * arrives and is bounded by the idle timeouts, not by the total deadline: a large file
   * legitimately takes longer than any fixed deadline.
   */
  body?: { json: unknown } | { stream: Readable; contentType: string };
  scope: UpstreamScope;
}

export interface JsonRequest<T> extends UpstreamRequest {
  /** The vendor model the answer must match; anything else is UPSTREAM_BAD_RESPONSE. */
  schema: z.ZodType<T>;
}

/** A JSON answer with its status and headers; a 304 has no data. */
export interface JsonResponse<T> {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  data: T | undefined;
}

// eslint-disable-next-line no-control-regex
const UNSAFE_HEADER_VALUE = /[\u0000-\u001f\u007f]/;

/** A 304 only answers a request that carried one of these. */
const CONDITIONAL_HEADERS = ['if-none-match', 'if-modified-since'];

/**
 * The request's own limits refusing a call: not the vendor's failure, so not reported as one
 * (one warning per refused call would also let a single request flood the log).
 */
const OPERATION_LIMIT_CODES = new Set<ErrorCode>(['UPSTREAM_CALL_LIMIT_EXCEEDED', 'UPSTREAM_RESPONSE_BUDGET_EXCEEDED']);

const UNLIMITED: OperationBudget = { calls: Infinity, responseBytes: Infinity };

/**
 * The HTTP core every vendor client shares: one keep-alive pool per origin, a deadline on every
 * call, no redirects (undici's request follows none unless asked), and vendor failures turned
 * into one typed GatewayError.
 */
const DEFAULT_RESILIENCE: ResilienceOptions = { retries: 1, retryDelayMs: 50, breakerFailures: 5, breakerHalfOpenMs: 10_000 };

export class UpstreamHttp {
  readonly origin: string;
  private readonly basePath: string;
  private readonly pool: Pool;
  private readonly resilience: UpstreamResilience;
  private readonly observer: UpstreamObserver;
  private readonly budget: OperationBudget;

  constructor(private readonly options: UpstreamHttpOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.pool = new Pool(this.origin, {
      connections: options.connections,
      keepAliveTimeout: 30_000,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    this.observer = options.observer ?? UNOBSERVED;
    this.budget = options.operationBudget ?? UNLIMITED;
    this.resilience = new UpstreamResilience(options.upstream, { ...DEFAULT_RESILIENCE, ...options.resilience }, (state) =>
      this.observer.circuitChanged(state),
    );
  }

  /** The absolute URL of a path on this upstream: names a cached answer across replicas. */
  urlOf(path: string): string {
    return this.origin + this.basePath + path;
  }

  /** True when `url` points at this upstream's configured origin (for vendor next-page links). */
  isOwnUrl(url: string): boolean {
    return this.ownPath(url) !== null;
  }

  /**
   * The path (with query) of a vendor link to follow, relative to the base URL; null when the
   * link leaves the configured origin or base path, so it is never followed.
   */
  private ownPath(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.origin !== this.origin || !parsed.pathname.startsWith(`${this.basePath}/`)) return null;
    return parsed.pathname.slice(this.basePath.length) + parsed.search;
  }

  /** A call whose answer is JSON of a known model. */
  async requestJson<T>(request: JsonRequest<T>): Promise<T> {
    return (await this.requestJsonResponse(request)).data as T;
  }

  /**
   * Like requestJson, with the answer's status and headers, for conditional requests: a 304
   * comes back with no data.
   */
  requestJsonResponse<T>(request: JsonRequest<T>): Promise<JsonResponse<T>> {
    return this.reportingFailure(request, () => this.fetchJson(request));
  }

  /**
   * A call whose answer is streamed on (a file download): a 2xx, or a 304 to a conditional
   * request, comes back with its body unread. The deadline covers the wait for the headers; the body is bounded by the idle
   * timeout, so a large file is never cut off for being large.
   */
  requestStream(request: UpstreamRequest): Promise<Dispatcher.ResponseData> {
    return this.reportingFailure(request, async () => {
      const { response, deadline } = await this.call(request, '*/*');
      deadline?.stop();
      return response;
    });
  }

  /** Every way a call can fail ends here once, whichever step it failed in. */
  private async reportingFailure<T>(request: UpstreamRequest, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof GatewayError && !OPERATION_LIMIT_CODES.has(error.code)) this.observer.failed(request, error);
      throw error;
    }
  }

  private async fetchJson<T>(request: JsonRequest<T>): Promise<JsonResponse<T>> {
    const { response, deadline } = await this.call(request, 'application/json');
    try {
      if (response.statusCode === 304) {
        await response.body.dump();
        return { status: 304, headers: response.headers, data: undefined };
      }
      let body: { text: string; bytes: number };
      try {
        body = await this.readCapped(response, request.scope);
      } catch (error) {
        throw this.transportError(error, deadline?.passed ?? false, request.scope);
      }
      try {
        return { status: response.statusCode, headers: response.headers, data: this.parse(body.text, request.schema, response.statusCode) };
      } catch (error) {
        request.scope.calls.release(body.bytes);
        throw error;
      }
    } finally {
      deadline?.stop();
    }
  }

  private parse<T>(text: string, schema: z.ZodType<T>, status: number): T {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw this.badResponse('answered with malformed JSON', status, error);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw this.badResponse('answered with a body that does not match its documented model', status, parsed.error);
    return parsed.data;
  }

  /**
   * One call through the breaker: a 2xx answer, a 304 to a conditional request, or the failure
   * as a GatewayError. Bodiless or JSON GETs are idempotent and may be retried; anything else
   * is sent once.
   */
  private call(request: UpstreamRequest, accept: string): ReturnType<UpstreamHttp['send']> {
    const idempotent = request.method === 'GET' && request.body === undefined;
    return this.resilience.run(idempotent, async () => {
      const sent = await this.send(request, accept);
      // A 304 to a request that validated nothing says nothing about what it asked for.
      if (sent.response.statusCode === 304 && isConditional(request)) return sent;
      try {
        await this.refuseFailure(sent.response);
      } catch (error) {
        sent.deadline?.stop();
        throw error;
      }
      return sent;
    });
  }

  private async send(request: UpstreamRequest, accept: string): Promise<{ response: Dispatcher.ResponseData; deadline?: Deadline }> {
    const { upstream } = this.options;
    if (request.scope.calls.total >= this.budget.calls) {
      throw new GatewayError(
        'UPSTREAM_CALL_LIMIT_EXCEEDED',
        `This operation needs more than ${this.budget.calls} vendor calls; the fields past that are not fetched. Ask for fewer items per operation.`,
        { upstream },
      );
    }
    const headers: Record<string, string> = { accept, ...request.headers };
    for (const value of Object.values(headers)) {
      if (UNSAFE_HEADER_VALUE.test(value)) throw badUserInput('A credential or header value contains control characters.');
    }
    let body: string | Readable | undefined;
    if (request.body && 'json' in request.body) {
      body = JSON.stringify(request.body.json);
      headers['content-type'] ??= 'application/json';
    } else if (request.body) {
      body = request.body.stream;
      headers['content-type'] = request.body.contentType;
    }
    // Bodiless and JSON calls get a total deadline (requestStream stops it at the headers);
    // streamed uploads rely on the pool's idle timeouts.
    const deadline = typeof body === 'string' || body === undefined ? new Deadline(this.options.timeoutMs) : undefined;
    const signals = [deadline?.signal, request.scope.signal].filter((signal): signal is AbortSignal => signal !== undefined);

    request.scope.calls.record(upstream);
    const sent = this.observer.sending(request);
    try {
      const response = await this.pool.request({
        method: request.method,
        path: this.basePath + request.path + queryString(request.query),
        headers: { ...headers, ...sent.headers },
        body,
        signal: signals.length ? AbortSignal.any(signals) : undefined,
      });
      sent.answered(response.statusCode);
      return { response, deadline };
    } catch (error) {
      deadline?.stop();
      const failure = this.transportError(error, deadline?.passed ?? false, request.scope);
      sent.failed(failure);
      throw failure;
    }
  }

  /**
   * A JSON answer is read whole, so it is capped per call and charged, chunk by chunk, to the
   * request's budget; a refused or failed read drops its buffer and gives its charge back.
   * Streamed answers (files) are neither.
   */
  private async readCapped(response: Dispatcher.ResponseData, scope: UpstreamScope): Promise<{ text: string; bytes: number }> {
    const limit = this.options.maxJsonBytes ?? 16 * 1024 * 1024;
    const chunks: Buffer[] = [];
    let bytes = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        if (bytes + chunk.length > limit) throw this.badResponse(`answered with a body over ${limit} bytes`, response.statusCode, undefined);
        if (!scope.calls.hold(chunk.length, this.budget.responseBytes)) {
          throw new GatewayError(
            'UPSTREAM_RESPONSE_BUDGET_EXCEEDED',
            `This operation's vendor answers would take more than ${this.budget.responseBytes} bytes of memory; this field's answer was dropped. Ask for less per operation.`,
            { upstream: this.options.upstream, upstreamStatus: response.statusCode },
          );
        }
        bytes += chunk.length;
        chunks.push(chunk);
      }
    } catch (error) {
      scope.calls.release(bytes);
      response.body.destroy();
      throw error;
    }
    return { text: Buffer.concat(chunks).toString('utf8'), bytes };
  }

  /** Turns a non-2xx answer into its GatewayError, draining the body so the socket is reused. */
  private async refuseFailure(response: Dispatcher.ResponseData): Promise<void> {
    const { statusCode } = response;
    if (statusCode >= 200 && statusCode < 300) return;
    // The vendor's body is not trusted in messages.
    await response.body.dump().catch(() => undefined);
    const retryAfter = response.headers['retry-after'];
    throw errorForStatus(this.options.upstream, statusCode, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private badResponse(what: string, status: number, cause: unknown): GatewayError {
    const { upstream } = this.options;
    return new GatewayError('UPSTREAM_BAD_RESPONSE', `The ${upstream} API ${what}.`, { upstream, upstreamStatus: status }, { cause });
  }

  private transportError(error: unknown, deadlinePassed: boolean, scope: UpstreamScope): Error {
    const { upstream, timeoutMs } = this.options;
    if (error instanceof GatewayError) return error;
    // The client went away and took the call with it: nobody waits for an answer, and the
    // vendor did nothing wrong, so it must not count towards opening the breaker or be retried.
    if (scope.signal?.aborted && !deadlinePassed) return new ClientGoneError(upstream, error);
    if (
      deadlinePassed ||
      error instanceof undiciErrors.ConnectTimeoutError ||
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError
    ) {
      return new GatewayError('UPSTREAM_TIMEOUT', `The ${upstream} API did not answer within ${timeoutMs} ms.`, { upstream }, { cause: error });
    }
    return new GatewayError('UPSTREAM_UNAVAILABLE', `The ${upstream} API could not be reached.`, { upstream }, { cause: error, retryable: isConnectError(error) });
  }
}

/** A vendor call aborted because the incoming request it served was abandoned by its client. */
export class ClientGoneError extends Error {
  constructor(upstream: UpstreamName, cause: unknown) {
    super(`The client went away; the ${upstream} call was abandoned.`, { cause });
    this.name = 'ClientGoneError';
  }
}

function isConditional(request: UpstreamRequest): boolean {
  return Object.keys(request.headers ?? {}).some((name) => CONDITIONAL_HEADERS.includes(name.toLowerCase()));
}

function isConnectError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return error instanceof undiciErrors.ConnectTimeoutError || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET';
}

function queryString(query: Record<string, string | undefined> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const encoded = params.toString();
  return encoded ? `?${encoded}` : '';
}
