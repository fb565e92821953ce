/**
 * `npm run bench:idle -- <scenario>`: why low-load latency overhead exceeds the CPU a busy
 * process spends per request. The gateway and the floor script each answer one request at a
 * time, back to back and then with idle gaps between requests (as the low-load samples of
 * `npm run bench` have: the vendors' 20 ms), after a warm-up; per gap, each one's p50 latency
 * and CPU time per request (from /proc). A process that sleeps between requests pays more CPU
 * for the same work (caches and branch predictors gone cold, a core clocked down).
 */
import { cpuSeconds, startChild, startGatewayChild } from './childProcess';
import type { BenchChild } from './childProcess';
import { readFixtures } from './fixtures';
import { SCENARIOS } from './scenarios';
import type { VendorUrls } from './scenarios';
import { median } from './stats';
import { floorTarget, graphqlTarget, send } from './targets';
import type { Target } from './targets';
import { vendorEnv } from './vendorTokens';
import { closeBenchCaller } from './benchCaller';

const WARM_UP_REQUESTS = 2_000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const GAPS_MS = (process.env.BENCH_GAPS_MS ?? '0,5,20').split(',').map(Number);

async function main(): Promise<void> {
  const scenario = SCENARIOS.find((candidate) => candidate.id === (process.argv[2] ?? '1'));
  if (!scenario) throw new Error(`scenarios: ${SCENARIOS.map((candidate) => candidate.id).join(', ')}`);
  // The vendors answer at once: only the gap between requests is idle time.
  const vendors = await startChild<{ urls: VendorUrls }>('simulators', ['0']);
  const children: Array<BenchChild<unknown>> = [vendors];
  try {
    const { urls } = vendors.ready;
    const gateway = await startGatewayChild(vendorEnv(urls));
    children.push(gateway);
    const fixtures = await readFixtures(gateway.ready.url);
    const floor = await startChild<{ url: string }>('floor', [JSON.stringify({ urls, fixtures, connections: 16 })]);
    children.push(floor);
    const measured: Array<[Target, number]> = [
      [graphqlTarget('gateway', gateway.ready.url), gateway.pid],
      [floorTarget(floor.ready.url), floor.pid],
    ];
    for (const [target, pid] of measured) {
      const requests = target.requests(scenario, fixtures);
      for (let index = 0; index < WARM_UP_REQUESTS; index += 1) await send(target.origin, requests[index % requests.length]!);
      for (const gapMs of GAPS_MS) {
        const latencies: number[] = [];
        const cpuBefore = await cpuSeconds(pid);
        for (let index = 0; index < SAMPLES; index += 1) {
          if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
          const started = process.hrtime.bigint();
          await send(target.origin, requests[index % requests.length]!);
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        const cpuMs = ((await cpuSeconds(pid)) - cpuBefore) * 1000;
        console.log(
          `scenario ${scenario.id}, ${target.name.padEnd(7)} gap ${String(gapMs).padStart(2)} ms: p50 ${median(latencies).toFixed(2)} ms, CPU ${(cpuMs / SAMPLES).toFixed(2)} ms per request`,
        );
      }
    }
  } finally {
    for (const child of children.reverse()) child.stop();
  }
}

main()
  .finally(closeBenchCaller)
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
