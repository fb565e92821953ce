import http from 'node:http';
import type { GatewayMetrics } from '../observability/metrics';
import { closeNow, listen } from './listen';

export interface MetricsServer {
  /** Where Prometheus scrapes, e.g. http://127.0.0.1:9464/metrics */
  url: string;
  close(): Promise<void>;
}

/**
 * GET /metrics on a port of its own (METRICS_PORT), so operation names, error counts and
 * circuit states are served to the scraper on a private interface and never face the public
 * port. Anything else answers 404.
 */
export async function startMetricsServer(metrics: GatewayMetrics, host: string, port: number): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://metrics').pathname !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: metrics are served at GET /metrics.\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  const origin = await listen(server, port, host);
  return { url: `${origin}/metrics`, close: () => closeNow(server) };
}
