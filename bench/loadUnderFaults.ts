/**
 * Load under faults: N concurrent clients for T seconds send a query touching ACC photos and
 * materials while the materials vendor flaps between 500 and 200. Reports requests served,
 * outcomes by error code, latency percentiles, the gateway's RSS before and after, and whether
 * any request hung (no answer within 10 s). Loopback only; bounded in time; stops by itself.
 *
 *   npm run bench:faults                              # 20 clients, 10 s
 *   LOAD_CLIENTS=50 LOAD_SECONDS=30 npm run bench:faults
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'undici';
import { DEMO } from '../src/simulators/acc/seed';
import { startAccSimulator } from '../src/simulators/acc/server';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { startMaterialsSimulator } from '../src/simulators/materials/server';
import { rssKb, startGatewayChild } from './childProcess';
import { closeBenchCaller } from './benchCaller';
import { benchAuthorization } from './benchCaller';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 20);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const HANG_MS = 10_000;
const QUERY = `query($p: ID!, $o: ID!, $a: ID!) {
  project(id: $p) { photos(first: 20) { nodes { photoId title signedUrls { expiresAt } } } }
  order(id: $o) { assignment(id: $a) { materials(productType: GROUND_PHOTO, first: 10) { totalCount } } }
}`;

async function main(): Promise<void> {
  const acc = await startAccSimulator({ latencyMs: 5 });
  const materials = await startMaterialsSimulator({ latencyMs: 5 });
  materials.faults.inject({ kind: 'flap' });
  const gateway = await startGatewayChild({
    ACC_BASE_URL: acc.url,
    MATERIALS_BASE_URL: materials.url,
    MATERIALS_TOKEN: MATERIALS_DEMO.token,
    // Measure the flapping itself, not the breaker's fast failures.
    UPSTREAM_BREAKER_FAILURES: '1000000',
  });
  try {
    const rssBefore = (await rssKb(gateway.pid)) / 1024;
    const outcomes = new Map<string, number>();
    const latencies: number[] = [];
    let hung = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const body = JSON.stringify({ query: QUERY, variables: { p: DEMO.projectIds[0], o: MATERIALS_DEMO.orderId, a: MATERIALS_DEMO.assignmentId } });
    const client = async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        try {
          const response = await request(gateway.ready.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: benchAuthorization(), 'x-acc-token': DEMO.token },
            body,
            signal: AbortSignal.timeout(HANG_MS),
          });
          const answer = (await response.body.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
          const codes = answer.errors?.map((error) => error.extensions?.code ?? 'NO_CODE') ?? ['ok'];
          for (const code of codes) outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        } catch (error) {
          if ((error as Error).name === 'TimeoutError') hung += 1;
          else outcomes.set('TRANSPORT_ERROR', (outcomes.get('TRANSPORT_ERROR') ?? 0) + 1);
        }
        latencies.push(performance.now() - started);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const rssAfter = (await rssKb(gateway.pid)) / 1024;
    latencies.sort((a, b) => a - b);
    const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
    const report = {
      machine: `${process.platform} ${process.arch}, node ${process.version}`,
      clients: CLIENTS,
      seconds: SECONDS,
      requests: latencies.length,
      requestsPerSecond: latencies.length / SECONDS,
      outcomes: Object.fromEntries([...outcomes].sort()),
      latencyMs: { p50: percentile(50), p99: percentile(99), max: latencies.at(-1) ?? 0 },
      rssMiB: { before: rssBefore, after: rssAfter },
      hung,
    };
    const directory = path.join(process.cwd(), 'bench', 'results');
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, 'load-under-faults.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    gateway.stop();
    await Promise.all([acc.close(), materials.close()]);
  }
}

// The bench issuer is a loopback server: closed, so the process can exit.
main()
  .finally(closeBenchCaller)
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
