import type { NextFunction, Request, Response } from 'express';
import type { GatewayMetrics } from '../observability/metrics';

/**
 * Times every HTTP request under its route template (/graphql, /assets/:key/content), never
 * its raw path, so ids and probes of unknown paths do not grow the series.
 */
export function httpMetrics(metrics: GatewayMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stopTimer = metrics.httpRequests.startTimer({ method: req.method });
    res.once('close', () => stopTimer({ route: routeOf(req), status: res.writableFinished ? String(res.statusCode) : 'aborted' }));
    next();
  };
}

/** GET /metrics: the gateway's series in Prometheus' text format. */
export function metricsEndpoint(metrics: GatewayMetrics) {
  return async (_req: Request, res: Response): Promise<void> => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

function routeOf(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (typeof route?.path === 'string') return req.baseUrl + route.path;
  return req.baseUrl || 'unmatched';
}
