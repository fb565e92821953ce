import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
} from 'cockatiel';
import type { CircuitBreakerPolicy, CircuitState, RetryPolicy } from 'cockatiel';
import { GatewayError } from '../../errors';
import type { UpstreamName } from '../../errors';

export interface ResilienceOptions {
  /** Extra tries for idempotent calls on connect errors and 502/503/504 (DESIGN: once). */
  retries: number;
  /** First backoff before a retry; cockatiel adds decorrelated jitter. */
  retryDelayMs: number;
  /** Consecutive vendor failures that open the circuit. */
  breakerFailures: number;
  /** How long an open circuit fails fast before letting one trial call through. */
  breakerHalfOpenMs: number;
}

/** The vendor, not the request, is in trouble: what the breaker counts. */
const isVendorFailure = (error: Error) =>
  error instanceof GatewayError && (error.code === 'UPSTREAM_UNAVAILABLE' || error.code === 'UPSTREAM_TIMEOUT');

/**
 * Retries and the circuit breaker of one vendor, with cockatiel: idempotent calls retry on
 * connect errors and 502/503/504 with jittered exponential backoff; after consecutive vendor
 * failures every call fails fast with UPSTREAM_UNAVAILABLE until a trial call succeeds.
 */
export class UpstreamResilience {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly upstream: UpstreamName,
    options: ResilienceOptions,
    onCircuitChange: (state: CircuitState) => void,
  ) {
    this.breaker = circuitBreaker(handleWhen(isVendorFailure), {
      halfOpenAfter: options.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(options.breakerFailures),
    });
    this.breaker.onStateChange(onCircuitChange);
    this.retry = retry(handleWhen((error) => error instanceof GatewayError && error.retryable), {
      maxAttempts: options.retries,
      backoff: new ExponentialBackoff({ initialDelay: options.retryDelayMs, maxDelay: options.retryDelayMs * 8 }),
    });
  }

  /** Runs one vendor call; only `idempotent` ones are ever retried. */
  async run<T>(idempotent: boolean, call: () => Promise<T>): Promise<T> {
    const guarded = () => this.breaker.execute(call);
    try {
      return await (idempotent ? this.retry.execute(guarded) : guarded());
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new GatewayError('UPSTREAM_UNAVAILABLE', `The ${this.upstream} API is failing; calls to it are paused for a moment.`, {
          upstream: this.upstream,
        });
      }
      throw error;
    }
  }
}
