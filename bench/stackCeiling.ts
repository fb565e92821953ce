/**
 * `npm run bench:ceiling`: how close to the floor the chosen stack itself can get on scenario 1
 * (one photo by id, one vendor call). The gateway, the same query on the bare stack (Apollo
 * Server 5 behind Express 5, Apollo Server 5 standalone, graphql-js alone; bench/children/
 * bareStack.ts) and the floor script are loaded in turn, round after round, in one run; it prints
 * each one's median req/s as a ratio to the floor and its CPU per request.
 *
 *   npm run bench:ceiling               # 3 rounds of 5 s at 64 connections (about two minutes)
 *   npm run bench:ceiling -- --smoke    # seconds, for CI
 */
import { cpuSeconds, startChild, startGatewayChild } from './childProcess';
import type { BenchChild } from './childProcess';
import type { LoadResult, LoadRun } from './children/load';
import { readFixtures } from './fixtures';
import { SCENARIOS } from './scenarios';
import type { VendorUrls } from './scenarios';
import { median } from './stats';
import { floorTarget, graphqlTarget } from './targets';
import type { Target } from './targets';
import { vendorEnv } from './vendorTokens';

/** The ways bench/children/bareStack.ts serves the query. */
const BARE_STACKS = ['apollo-express', 'apollo-standalone', 'graphql-js'] as const;
export type BareStack = (typeof BARE_STACKS)[number];

interface Contender {
  label: string;
  target: Target;
  pid: number;
  requestsPerSecond: number[];
  cpuMsPerRequest: number[];
}

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const runs = smoke ? 1 : Number(process.env.BENCH_RUNS ?? 3);
  const seconds = smoke ? 1 : Number(process.env.BENCH_SECONDS ?? 5);
  const connections = smoke ? 4 : Number(process.env.BENCH_CONNECTIONS ?? 64);
  const onePhoto = SCENARIOS.find((scenario) => scenario.id === '1')!;

  const children: Array<BenchChild<unknown>> = [];
  const start = async <Ready>(child: Promise<BenchChild<Ready>>) => {
    const started = await child;
    children.push(started);
    return started;
  };
  try {
    const simulators = await start(startChild<{ urls: VendorUrls }>('simulators', [process.env.BENCH_VENDOR_LATENCY_MS ?? '20']));
    const { urls } = simulators.ready;
    const gateway = await start(startGatewayChild(vendorEnv(urls)));
    const fixtures = await readFixtures(gateway.ready.url);
    const childArgs = (extra: object) => [JSON.stringify({ urls, fixtures, connections, ...extra })];
    const floor = await start(startChild<{ url: string }>('floor', childArgs({})));
    const contender = (label: string, target: Target, pid: number): Contender => ({ label, target, pid, requestsPerSecond: [], cpuMsPerRequest: [] });
    const contenders = [contender('gateway', graphqlTarget('gateway', gateway.ready.url), gateway.pid)];
    for (const stack of BARE_STACKS) {
      const bare = await start(startChild<{ url: string }>('bareStack', childArgs({ stack })));
      contenders.push(contender(`bare ${stack}`, graphqlTarget('gateway', bare.ready.url), bare.pid));
    }
    contenders.push(contender('floor script', floorTarget(floor.ready.url), floor.pid));
    const load = await start(startChild<object>('load'));

    const measure = async (run: LoadRun) => (await load.ask<{ result: LoadResult }>(run, 'result')).result;
    for (let round = 0; round < runs; round += 1) {
      for (const entry of contenders) {
        const run: LoadRun = { url: entry.target.origin, connections, seconds, requests: entry.target.requests(onePhoto, fixtures) };
        if (!smoke) await measure({ ...run, seconds: 2 }); // warm-up: JIT and keep-alive pools
        const cpuBefore = await cpuSeconds(entry.pid);
        const result = await measure(run);
        if (result.failures) throw new Error(`${entry.label}: ${result.failures} failures`);
        entry.requestsPerSecond.push(result.requestsPerSecond);
        entry.cpuMsPerRequest.push((((await cpuSeconds(entry.pid)) - cpuBefore) * 1000) / result.requests);
      }
    }

    const floorRate = median(contenders.at(-1)!.requestsPerSecond);
    console.log(`Scenario 1, ${connections} connections, ${runs} rounds of ${seconds} s, medians:\n`);
    console.log('| served by | req/s | ÷ floor | CPU ms per request |\n| --- | --- | --- | --- |');
    for (const entry of contenders) {
      const rate = median(entry.requestsPerSecond);
      console.log(`| ${entry.label} | ${rate.toFixed(0)} | ${(rate / floorRate).toFixed(2)}× | ${median(entry.cpuMsPerRequest).toFixed(2)} |`);
    }
  } finally {
    for (const child of children.reverse()) child.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
