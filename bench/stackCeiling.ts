/**
 * `npm run bench:ceiling`: how close to the floor the chosen stack itself can get, to tell the
 * stack's cost from the gateway's. Two parts, each side by side in one run:
 *
 * - Scenario 1 (one photo by id, one vendor call) on the gateway, on the bare stack with one
 *   resolver and nothing else (Apollo Server 5 behind Express 5, Apollo Server 5 standalone,
 *   graphql-js alone; bench/children/bareStack.ts) and on the floor script, loaded in turn round
 *   after round: median req/s as a ratio to the floor, and CPU per request.
 * - A file downloaded straight from the asset store, through a bare undici pipe (bench/children/
 *   barePipe.ts) and through the gateway's contentUrl, in rotating order: median rate as a ratio
 *   to direct.
 *
 *   npm run bench:ceiling               # 3 rounds, 5 s at 64 connections, a 1 GiB file (~3 minutes)
 *   npm run bench:ceiling -- --smoke    # seconds, for CI
 */
import { assetPaths } from '../src/upstream/assets/model';
import { ASSETS_DEMO } from '../src/simulators/assets/server';
import { loadMeasuringCpu, startChild, startGatewayChild } from './childProcess';
import type { BenchChild } from './childProcess';
import type { LoadRun } from './children/load';
import { readFixtures } from './fixtures';
import { SCENARIOS } from './scenarios';
import type { Fixtures, VendorUrls } from './scenarios';
import { median } from './stats';
import { download, timed, upload } from './streaming';
import { floorTarget, graphqlTarget } from './targets';
import type { Target } from './targets';
import { vendorEnv } from './vendorTokens';
import { closeBenchCaller } from './benchCaller';

/** The ways bench/children/bareStack.ts serves the query. */
const BARE_STACKS = ['apollo-express', 'apollo-standalone', 'graphql-js'] as const;
export type BareStack = (typeof BARE_STACKS)[number];

const MiB = 1024 ** 2;

interface Settings {
  smoke: boolean;
  runs: number;
  seconds: number;
  connections: number;
  fileBytes: number;
}

type Start = <Ready>(child: Promise<BenchChild<Ready>>) => Promise<BenchChild<Ready>>;

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const settings: Settings = {
    smoke,
    runs: smoke ? 1 : Number(process.env.BENCH_RUNS ?? 3),
    seconds: smoke ? 1 : Number(process.env.BENCH_SECONDS ?? 5),
    connections: smoke ? 4 : Number(process.env.BENCH_CONNECTIONS ?? 64),
    fileBytes: smoke ? 8 * MiB : Number(process.env.BENCH_FILE_BYTES ?? 1024 * MiB),
  };
  const children: Array<BenchChild<unknown>> = [];
  const start: Start = async (child) => {
    const started = await child;
    children.push(started);
    return started;
  };
  try {
    const simulators = await start(startChild<{ urls: VendorUrls }>('simulators', [process.env.BENCH_VENDOR_LATENCY_MS ?? '20']));
    const { urls } = simulators.ready;
    const gateway = await start(
      startGatewayChild({ ...vendorEnv(urls), UPLOAD_MAX_FILE_BYTES: String(settings.fileBytes * 2) }),
    );
    const fixtures = await readFixtures(gateway.ready.url);
    await scenarioOne(settings, start, urls, fixtures, gateway);
    await downloads(settings, start, urls.assets, gateway.ready.url);
  } finally {
    for (const child of children.reverse()) child.stop();
  }
}

interface Contender {
  label: string;
  target: Target;
  pid: number;
  requestsPerSecond: number[];
  cpuMsPerRequest: number[];
}

async function scenarioOne(settings: Settings, start: Start, urls: VendorUrls, fixtures: Fixtures, gateway: BenchChild<{ url: string }>): Promise<void> {
  const { connections, runs, seconds, smoke } = settings;
  const onePhoto = SCENARIOS.find((scenario) => scenario.id === '1')!;
  const childArgs = (extra: object) => [JSON.stringify({ urls, fixtures, connections, ...extra })];
  const contender = (label: string, target: Target, pid: number): Contender => ({ label, target, pid, requestsPerSecond: [], cpuMsPerRequest: [] });
  const contenders = [contender('gateway', graphqlTarget('gateway', gateway.ready.url), gateway.pid)];
  for (const stack of BARE_STACKS) {
    const bare = await start(startChild<{ url: string }>('bareStack', childArgs({ stack })));
    contenders.push(contender(`bare ${stack}`, graphqlTarget('gateway', bare.ready.url), bare.pid));
  }
  const floor = await start(startChild<{ url: string }>('floor', childArgs({})));
  contenders.push(contender('floor script', floorTarget(floor.ready.url), floor.pid));
  const load = await start(startChild<object>('load'));

  for (let round = 0; round < runs; round += 1) {
    for (const entry of contenders) {
      const run: LoadRun = { url: entry.target.origin, connections, seconds, requests: entry.target.requests(onePhoto, fixtures) };
      if (!smoke) await load.ask({ ...run, seconds: 2 }, 'result'); // warm-up: JIT and keep-alive pools
      const { result, cpuMsPerRequest } = await loadMeasuringCpu(load, run, entry.pid);
      if (result.failures) throw new Error(`${entry.label}: ${result.failures} failures`);
      entry.requestsPerSecond.push(result.requestsPerSecond);
      entry.cpuMsPerRequest.push(cpuMsPerRequest);
    }
  }

  const floorRate = median(contenders.at(-1)!.requestsPerSecond);
  console.log(`Scenario 1, ${connections} connections, ${runs} rounds of ${seconds} s, medians:\n`);
  console.log('| served by | req/s | ÷ floor | CPU ms per request |\n| --- | --- | --- | --- |');
  for (const entry of contenders) {
    const rate = median(entry.requestsPerSecond);
    console.log(`| ${entry.label} | ${rate.toFixed(0)} | ${(rate / floorRate).toFixed(2)}× | ${median(entry.cpuMsPerRequest).toFixed(2)} |`);
  }
}

async function downloads(settings: Settings, start: Start, assetsUrl: string, gatewayUrl: string): Promise<void> {
  const pipe = await start(startChild<{ url: string }>('barePipe', [assetsUrl]));
  const { key, contentUrl } = await upload(gatewayUrl, settings.fileBytes);
  const path = assetPaths.content(key).path;
  const ways: Array<{ label: string; fetch: () => Promise<void>; seconds: number[] }> = [
    { label: 'direct from the asset store', fetch: () => download(`${assetsUrl}${path}`, { authorization: `Bearer ${ASSETS_DEMO.token}` }), seconds: [] },
    { label: 'bare undici pipe', fetch: () => download(`${pipe.ready.url}${path}`), seconds: [] },
    { label: 'gateway contentUrl', fetch: () => download(contentUrl), seconds: [] },
  ];
  for (let round = 0; round < settings.runs; round += 1) {
    // Rotated, so no way always runs first.
    for (let turn = 0; turn < ways.length; turn += 1) {
      const way = ways[(round + turn) % ways.length]!;
      way.seconds.push((await timed(way.fetch)).seconds);
    }
  }
  const directSeconds = median(ways[0]!.seconds);
  console.log(`\nA ${settings.fileBytes / MiB} MiB download, ${settings.runs} rounds, medians:\n`);
  console.log('| served by | MiB/s | ÷ direct |\n| --- | --- | --- |');
  for (const way of ways) {
    const seconds = median(way.seconds);
    console.log(`| ${way.label} | ${(settings.fileBytes / MiB / seconds).toFixed(0)} | ${(directSeconds / seconds).toFixed(2)}× |`);
  }
}

// The bench issuer is a loopback server: closed, so the process can exit.
main()
  .finally(closeBenchCaller)
  .catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
