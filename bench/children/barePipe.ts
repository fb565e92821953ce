/**
 * For `npm run bench:ceiling`: the least any layer can do to serve an asset's bytes, a
 * `node:http` server that forwards each GET to the asset store simulator with undici and pipes the
 * answer back. No routing, link check, logs or metrics: what the extra hop itself costs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'undici';
import { ASSETS_DEMO } from '../../src/simulators/assets/server';
import { reportReady } from './ipc';

async function main(): Promise<void> {
  const assets = new Pool(process.argv[2]!);
  const server = http.createServer((request, response) => {
    assets
      .request({ method: 'GET', path: request.url!, headers: { authorization: `Bearer ${ASSETS_DEMO.token}` }, headersTimeout: 0, bodyTimeout: 0 })
      .then(async (upstream) => {
        response.writeHead(upstream.statusCode, { 'content-type': String(upstream.headers['content-type']), 'content-length': String(upstream.headers['content-length']) });
        await pipeline(upstream.body, response);
      })
      .catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  reportReady({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, () => assets.close());
}

void main();
