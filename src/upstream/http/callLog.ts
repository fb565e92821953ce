import type { Context } from '@opentelemetry/api';
import type { UpstreamName } from '../../errors';
import type { Logger } from '../../observability/logger';

/**
 * Counts the vendor calls one incoming request makes, and the vendor JSON it holds in memory.
 * The count is a product metric (DESIGN.md section 4): development responses carry it in
 * `extensions.upstreamCalls`, and /metrics always has it per operation. Both are what the
 * per-operation budget (OperationBudget) is checked against.
 */
export class UpstreamCallLog {
  private readonly counts = new Map<UpstreamName, number>();
  private heldBytes = 0;

  record(upstream: UpstreamName): void {
    this.counts.set(upstream, (this.counts.get(upstream) ?? 0) + 1);
  }

  /**
   * Charges `bytes` of a vendor body being buffered to this request; false, charging nothing,
   * when the request would then hold more than `budget` bytes.
   */
  hold(bytes: number, budget: number): boolean {
    if (this.heldBytes + bytes > budget) return false;
    this.heldBytes += bytes;
    return true;
  }

  /** Gives back what a dropped buffer held, so the request's other calls may use it. */
  release(bytes: number): void {
    this.heldBytes -= bytes;
  }

  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  toJSON(): Record<string, number> {
    return { ...Object.fromEntries(this.counts), total: this.total };
  }
}

/** What an upstream call needs to know about the incoming request it serves. */
export interface UpstreamScope {
  /** Aborted when the incoming request is gone: in-flight vendor calls stop with it. */
  signal?: AbortSignal;
  calls: UpstreamCallLog;
  /** The request's logger (it carries the request id); unset: the gateway's own. */
  log?: Logger;
  /** The GraphQL operation's trace context, when tracing is on: vendor spans are its children. */
  trace?: Context;
}
