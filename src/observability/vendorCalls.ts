import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { CircuitState } from 'cockatiel';
import { GatewayError } from '../errors';
import type { UpstreamName } from '../errors';
import type { ObservedCall, SentRequest, UpstreamObserver } from '../upstream/http/callObserver';
import type { Telemetry } from './telemetry';

const CIRCUIT_NAMES: Record<CircuitState, string> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** The `status` label of a call that got no answer. */
function noAnswerStatus(error: Error): string {
  if (!(error instanceof GatewayError)) return 'aborted';
  return error.code === 'UPSTREAM_TIMEOUT' ? 'timeout' : 'unreachable';
}

/**
 * One vendor's calls in logs, metrics and traces, fed by the HTTP core every client shares:
 * a latency observation and a client span per request sent, a warning per failed call, the
 * breaker's state as a gauge. Routes are templates and no header is recorded, so no id list
 * grows the series and no token reaches a log, a metric or a span.
 */
export class VendorCallTelemetry implements UpstreamObserver {
  private readonly origin: URL;

  constructor(
    private readonly vendor: UpstreamName,
    baseUrl: string,
    private readonly telemetry: Telemetry,
  ) {
    this.origin = new URL(baseUrl);
    telemetry.metrics.circuitState.set({ vendor }, CircuitState.Closed);
  }

  sending(call: ObservedCall): SentRequest {
    const stopTimer = this.telemetry.metrics.vendorCalls.startTimer({ vendor: this.vendor, method: call.method, route: call.route });
    const traced = this.startSpan(call);
    return {
      headers: traced?.headers ?? {},
      answered: (status) => {
        stopTimer({ status: String(status) });
        if (!traced) return;
        traced.span.setAttribute('http.response.status_code', status);
        // 304 is a cache hit, not an error; 4xx and 5xx are failed vendor calls.
        if (status >= 400) traced.span.setStatus({ code: SpanStatusCode.ERROR }).setAttribute('error.type', String(status));
        traced.span.end();
      },
      failed: (error) => {
        const status = noAnswerStatus(error);
        stopTimer({ status });
        traced?.span.setStatus({ code: SpanStatusCode.ERROR, message: status }).setAttribute('error.type', status).end();
      },
    };
  }

  failed(call: ObservedCall, error: GatewayError): void {
    const log = call.scope.log ?? this.telemetry.logger;
    const fields = {
      vendor: this.vendor,
      method: call.method,
      route: call.route,
      code: error.code,
      upstreamStatus: error.details.upstreamStatus,
      cause: error.cause instanceof Error ? error.cause.message.slice(0, 300) : undefined,
    };
    // The vendor's trouble is worth a warning; its 404s and 410s are ordinary answers.
    if (error.code.startsWith('UPSTREAM_')) log.warn(fields, `${this.vendor} call failed: ${error.message}`);
    else log.debug(fields, `${this.vendor} call answered ${error.code}`);
  }

  circuitChanged(state: CircuitState): void {
    this.telemetry.metrics.circuitState.set({ vendor: this.vendor }, state);
    const failingFast = state === CircuitState.Open || state === CircuitState.Isolated;
    this.telemetry.logger[failingFast ? 'warn' : 'info'](
      { vendor: this.vendor, circuit: CIRCUIT_NAMES[state] },
      `${this.vendor} circuit ${CIRCUIT_NAMES[state]}: ${failingFast ? 'calls fail fast' : 'calls go through'}`,
    );
  }

  /** A client span under the operation's, and the traceparent that continues it at the vendor. */
  private startSpan(call: ObservedCall): { span: Span; headers: Record<string, string> } | undefined {
    const { tracing } = this.telemetry;
    if (!tracing) return undefined;
    const parent = call.scope.trace ?? ROOT_CONTEXT;
    const span = tracing.tracer.startSpan(
      `${call.method} ${call.route}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': call.method,
          'url.template': call.route,
          'server.address': this.origin.hostname,
          'server.port': Number(this.origin.port) || (this.origin.protocol === 'https:' ? 443 : 80),
          'mediagraph.vendor': this.vendor,
        },
      },
      parent,
    );
    return { span, headers: tracing.inject(trace.setSpan(parent, span)) };
  }
}
