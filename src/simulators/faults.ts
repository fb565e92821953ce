import type http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** Ways a vendor misbehaves; the simulators can do each on demand (DESIGN.md section 5). */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'reset' }
  | { kind: 'truncatedBody' }
  | { kind: 'malformedJson' }
  | { kind: 'flap' }
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  /** 200 with `body` sent `chunkBytes` at a time, `gapMs` apart (a slow download, or a stall). */
  | { kind: 'slowBody'; body: Buffer; chunkBytes: number; gapMs: number }
  /** 304 whatever was asked, conditional or not. */
  | { kind: 'notModified' }
  /** The normal JSON answer with `bytes` of whitespace before it: valid, just large. */
  | { kind: 'paddedJson'; bytes: number };

const jsonPadding = new WeakMap<http.ServerResponse, number>();

/** Whitespace sendJson puts before this response's JSON (the paddedJson fault). */
export function jsonPaddingOf(response: http.ServerResponse): number {
  return jsonPadding.get(response) ?? 0;
}

/**
 * Injects faults into a simulator's answers: for the next `times` requests (or until cleared).
 * `flap` alternates a 500 with a normal answer. Used by the fault tests and the load script.
 */
export class FaultInjector {
  private fault: Fault | undefined;
  private remaining = Infinity;
  private flapped = false;
  /** Slow bodies (the slowBody fault) whose client hung up before the last chunk was sent. */
  slowBodiesCut = 0;

  inject(fault: Fault, times = Infinity): void {
    this.fault = fault;
    this.remaining = times;
    this.flapped = false;
  }

  clear(): void {
    this.fault = undefined;
  }

  /** Applies the fault to this request; true when it answered (or killed) the request itself. */
  async apply(request: http.IncomingMessage, response: http.ServerResponse): Promise<boolean> {
    const fault = this.fault;
    if (!fault || this.remaining <= 0) return false;
    this.remaining -= 1;
    switch (fault.kind) {
      case 'latency':
        await sleep(fault.ms);
        return false;
      case 'reset':
        request.socket.resetAndDestroy();
        return true;
      case 'truncatedBody':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': 1_000 });
        response.write('{"results":[{"id":"');
        setImmediate(() => response.socket?.destroy());
        return true;
      case 'malformedJson':
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"results": [{"id": ');
        return true;
      case 'flap':
        this.flapped = !this.flapped;
        if (!this.flapped) return false;
        response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"flapping"}');
        return true;
      case 'rateLimited':
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfterSeconds) }).end('{}');
        return true;
      case 'slowBody': {
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': fault.body.length });
        // A client that hangs up ends the wait too, so no timer outlives the connection.
        const gone = new AbortController();
        response.once('close', () => gone.abort());
        try {
          for (let sent = 0; sent < fault.body.length; sent += fault.chunkBytes) {
            response.write(fault.body.subarray(sent, sent + fault.chunkBytes));
            await sleep(fault.gapMs, undefined, { signal: gone.signal });
          }
          response.end();
        } catch {
          // The client went away mid-body.
          this.slowBodiesCut += 1;
        }
        return true;
      }
      case 'notModified':
        response.writeHead(304).end();
        return true;
      case 'paddedJson':
        jsonPadding.set(response, fault.bytes);
        return false;
    }
  }
}
