import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayMetrics } from '../observability/metrics';

/**
 * Times every HTTP request under its route template (/graphql, /assets/:key/content, or
 * `unmatched`: src/http/routes.ts), never its raw path, so ids and probes of unknown paths do
 * not grow the series.
 */
export function httpMetrics(metrics: GatewayMetrics) {
  return (req: IncomingMessage, res: ServerResponse, route: string): void => {
    const stopTimer = metrics.httpRequests.startTimer({ method: req.method, route });
    res.once('close', () => stopTimer({ status: res.writableFinished ? String(res.statusCode) : 'aborted' }));
  };
}

/** GET /metrics: the gateway's series in Prometheus' text format. */
export function metricsEndpoint(metrics: GatewayMetrics) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
  };
}
