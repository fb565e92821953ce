import { ROOT_CONTEXT, defaultTextMapSetter } from '@opentelemetry/api';
import type { Context, TextMapGetter, Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

/** A gateway's tracer, and how its trace context crosses HTTP (W3C traceparent). */
export interface Tracing {
  tracer: Tracer;
  /** The trace a caller's headers continue (`traceparent`), or a new one. */
  extract(headers: Map<string, string>): Context;
  /** The headers that carry `context` on to a vendor. */
  inject(context: Context): Record<string, string>;
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

const headerMapGetter: TextMapGetter<Map<string, string>> = {
  get: (headers, key) => headers.get(key),
  keys: (headers) => [...headers.keys()],
};

/**
 * OpenTelemetry tracing over OTLP/HTTP to `endpoint` (OTEL_EXPORTER_OTLP_ENDPOINT; spans go to
 * its /v1/traces). A tracer provider of this gateway's own rather than a process-wide NodeSDK:
 * spans are parented explicitly (operation → vendor call), so no global context manager or
 * auto-instrumentation is needed, and two gateways in one process do not clash. The exporter
 * still reads the standard OTEL_EXPORTER_OTLP_HEADERS / _TIMEOUT / _COMPRESSION variables.
 * This module is loaded only when tracing is configured.
 */
export function startTracing(options: { endpoint: string; serviceName: string }): Tracing {
  const provider = new TracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': options.serviceName })),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` }) })],
  });
  const propagator = new W3CTraceContextPropagator();
  return {
    tracer: provider.getTracer('mediagraph'),
    extract: (headers) => propagator.extract(ROOT_CONTEXT, headers, headerMapGetter),
    inject: (context) => {
      const headers: Record<string, string> = {};
      propagator.inject(context, headers, defaultTextMapSetter);
      return headers;
    },
    shutdown: () => provider.shutdown(),
  };
}
