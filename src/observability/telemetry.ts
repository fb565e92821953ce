import type { ObservabilityConfig } from '../config';
import { createLogger } from './logger';
import type { Logger } from './logger';
import { GatewayMetrics } from './metrics';
import type * as TracingModule from './tracing';
import type { Tracing } from './tracing';

/** One gateway's logs, metrics and (when configured) traces. */
export interface Telemetry {
  logger: Logger;
  metrics: GatewayMetrics;
  /** Set when OTEL_EXPORTER_OTLP_ENDPOINT is. */
  tracing?: Tracing;
}

export function createTelemetry(config: ObservabilityConfig, logger: Logger = createLogger(config.logLevel)): Telemetry {
  return {
    logger,
    metrics: new GatewayMetrics({ processMetrics: config.metricsEnabled }),
    tracing: config.tracing ? loadTracing().startTracing(config.tracing) : undefined,
  };
}

/** The OpenTelemetry SDK is required only when tracing is on: otherwise it costs nothing. */
function loadTracing(): typeof TracingModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./tracing') as typeof TracingModule;
}
