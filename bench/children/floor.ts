/**
 * The floor: a minimal HTTP server that answers each scenario step by making the same vendor
 * calls straight with undici, as parallel as the vendor APIs allow, and sending the vendors'
 * JSON back as is. No GraphQL, no validation, no shaping: what any layer costs at least.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DirectVendors, SCENARIOS } from '../scenarios';
import type { Fixtures, VendorUrls } from '../scenarios';
import { BENCH_TOKENS } from '../vendorTokens';
import { reportReady } from './ipc';

async function main(): Promise<void> {
  const { urls, fixtures, connections } = JSON.parse(process.argv[2]!) as { urls: VendorUrls; fixtures: Fixtures; connections: number };
  const vendors = new DirectVendors(urls, BENCH_TOKENS, connections);
  const server = http.createServer((request, response) => {
    // /<scenario id>/<step>
    const [, scenarioId, step] = (request.url ?? '').split('/');
    const scenario = SCENARIOS.find((candidate) => candidate.id === scenarioId);
    if (!scenario) {
      response.writeHead(404).end();
      return;
    }
    scenario.direct(vendors, fixtures, Number(step)).then(
      (result) => {
        const body = JSON.stringify(result);
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      },
      (error: Error) => response.writeHead(502, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  reportReady({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

void main();
