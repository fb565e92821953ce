import type { CircuitState } from 'cockatiel';
import type { GatewayError } from '../../errors';
import type { UpstreamScope } from './callLog';

/** One vendor call as logs, metrics and traces see it: a route template, never a raw path. */
export interface ObservedCall {
  method: string;
  route: string;
  scope: UpstreamScope;
}

/** A request on the wire (one per attempt: a retry is a second one). */
export interface SentRequest {
  /** Headers to send along with it (trace context), empty when tracing is off. */
  headers: Record<string, string>;
  answered(status: number): void;
  /** No answer: a GatewayError (timeout, unreachable), or a ClientGoneError when the caller left. */
  failed(error: Error): void;
}

/**
 * What the HTTP core reports about one vendor's calls. It is told once, here, for every client;
 * the observability layer implements it (src/observability/vendorCalls.ts).
 */
export interface UpstreamObserver {
  sending(call: ObservedCall): SentRequest;
  /** A call failed for good: after its retries, or refused by the open circuit. */
  failed(call: ObservedCall, error: GatewayError): void;
  circuitChanged(state: CircuitState): void;
}

/** For an UpstreamHttp built on its own (unit tests): reports go nowhere. */
export const UNOBSERVED: UpstreamObserver = {
  sending: () => ({ headers: {}, answered: () => undefined, failed: () => undefined }),
  failed: () => undefined,
  circuitChanged: () => undefined,
};
