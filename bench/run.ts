/**
 * `npm run bench`: the gateway against its two baselines, side by side, on loopback.
 *
 *   npm run bench                 # the full run (about ten minutes), writes docs/BENCHMARKS.md
 *   npm run bench -- --smoke      # seconds: every scenario once, tiny loads; writes nothing
 *
 * Processes: the vendor simulators (fixed latency), the gateway, the naive gateway (DataLoader
 * batching and caching off), the floor (direct undici calls, no GraphQL) and the load generator
 * (autocannon) each run in their own process. Settings: see readOptions.
 */
import os from 'node:os';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { loadMeasuringCpu, startChild, startGatewayChild } from './childProcess';
import type { BenchChild } from './childProcess';
import type { LoadResult, LoadRun } from './children/load';
import type { VendorCounts } from './children/simulators';
import { renderReport } from './report';
import { renderRatioChart } from './ratioChart';
import { renderHotPathTargets } from './hotPathTargets';
import type { BenchReport, ScenarioReport, TargetName, ThroughputCell } from './report';
import { readFixtures } from './fixtures';
import { DirectVendors, SCENARIOS } from './scenarios';
import type { VendorUrls } from './scenarios';
import { benchImports } from './imports';
import { benchStreaming } from './streaming';
import { median, quantile } from './stats';
import { floorTarget, graphqlTarget, send } from './targets';
import type { Target } from './targets';
import { BENCH_TOKENS, vendorEnv } from './vendorTokens';
import { closeBenchCaller } from './benchCaller';

export interface BenchOptions {
  smoke: boolean;
  vendorLatencyMs: number;
  /** Connection counts the throughput sweep tries. */
  connections: number[];
  secondsPerRun: number;
  runs: number;
  /** Sequential requests per target for the low-load latency. */
  samples: number;
  /** Throughput counts only where p99 stays under this. */
  p99BoundMs: number;
  /** Files sent up and down in scenario 7: a small and a large one show whether memory stays flat. */
  fileBytes: number[];
  scenarios: string[];
}

function readOptions(): BenchOptions {
  const smoke = process.argv.includes('--smoke');
  const env = (name: string, fallback: string) => process.env[`BENCH_${name}`] ?? fallback;
  return {
    smoke,
    vendorLatencyMs: Number(env('VENDOR_LATENCY_MS', '20')),
    connections: env('CONNECTIONS', smoke ? '4' : '4,16,64').split(',').map(Number),
    secondsPerRun: Number(env('SECONDS', '3')),
    runs: smoke ? 1 : Number(env('RUNS', '3')),
    samples: smoke ? 1 : Number(env('SAMPLES', '60')),
    p99BoundMs: Number(env('P99_BOUND_MS', '500')),
    fileBytes: env('FILE_BYTES', smoke ? String(8 * 1024 ** 2) : `${10 * 1024 ** 2},${1024 ** 3}`).split(',').map(Number),
    scenarios: env('SCENARIOS', '1,2,3,4,5,6,7,8').split(','),
  };
}

async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const options = readOptions();
  const started = Date.now();
  const log = (line: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

  const simulators = await startChild<{ urls: VendorUrls }>('simulators', [String(options.vendorLatencyMs)]);
  const urls = simulators.ready.urls;
  // Every vendor connection pool, the gateways' and the floor's alike, large enough never to be
  // what a run is bound by: at 20 ms a call, the gateway's default 32 connections per vendor cap
  // it at 1,600 calls/s, and scenario 6 makes up to 4 calls to one vendor per request.
  const upstreamConnections = 4 * Math.max(...options.connections);
  const env = { ...vendorEnv(urls), UPSTREAM_CONNECTIONS: String(upstreamConnections) };
  const children: Array<BenchChild<unknown>> = [simulators];
  try {
    const gateway = await startGatewayChild(env);
    const naive = await startGatewayChild(env, { naive: true });
    children.push(gateway, naive);
    const fixtures = await readFixtures(gateway.ready.url);
    const floor = await startChild<{ url: string }>('floor', [JSON.stringify({ urls, fixtures, connections: upstreamConnections })]);
    const load = await startChild<object>('load');
    children.push(floor, load);
    const targets = [graphqlTarget('gateway', gateway.ready.url), graphqlTarget('naive', naive.ready.url), floorTarget(floor.ready.url)];
    const pids: Record<TargetName, number> = { gateway: gateway.pid, naive: naive.pid, floor: floor.pid };
    const direct = new DirectVendors(urls, BENCH_TOKENS, upstreamConnections);

    const countCalls = async (): Promise<number> => {
      const { counts } = await simulators.ask<{ counts: VendorCounts }>({ type: 'counts' }, 'counts');
      return Object.values(counts).reduce((sum, count) => sum + count, 0);
    };
    const runLoad = async (run: LoadRun): Promise<LoadResult> => (await load.ask<{ result: LoadResult }>(run, 'result')).result;
    const waitForQuietVendors = async () => {
      for (let last = -1, now = await countCalls(); now !== last; last = now, now = await countCalls()) await sleep(500);
    };

    const scenarios: ScenarioReport[] = [];
    for (const scenario of SCENARIOS.filter((candidate) => options.scenarios.includes(candidate.id))) {
      log(`scenario ${scenario.id}: ${scenario.title}`);
      const steps = scenario.operations(fixtures).length;

      // Vendor calls per request: every step of the walk twice, counted at the simulators once
      // the previous scenario's load has drained from them.
      await waitForQuietVendors();
      const calls = {} as Record<TargetName, number>;
      for (const target of targets) {
        await simulators.ask({ type: 'reset' }, 'counts');
        const requests = target.requests(scenario, fixtures);
        for (let round = 0; round < 2; round += 1) for (const step of requests) await send(target.origin, step);
        calls[target.name] = (await countCalls()) / (2 * steps);
      }

      // Warm-up: a second of load on each target before anything is timed, so the low-load
      // samples and the throughput runs meet code V8 has optimised, as in a serving process.
      if (!options.smoke) {
        for (const target of targets) {
          await runLoad({ url: target.origin, requests: target.requests(scenario, fixtures), connections: Math.max(...options.connections), seconds: 1 });
        }
      }

      // Low load: one request at a time, each target's request paired with the same vendor calls
      // made directly (the vendor critical path), so both see the same moment of the machine.
      const overhead: Record<'gateway' | 'floor', number[]> = { gateway: [], floor: [] };
      const criticalPath: number[] = [];
      const [gatewayTarget, , floorServer] = targets as [Target, Target, Target];
      const gatewayRequests = gatewayTarget.requests(scenario, fixtures);
      const floorRequests = floorServer.requests(scenario, fixtures);
      for (let sample = 0; sample < options.samples; sample += 1) {
        for (let step = 0; step < steps; step += 1) {
          const directMs = await timeMs(() => scenario.direct(direct, fixtures, step));
          overhead.gateway.push((await timeMs(() => send(gatewayTarget.origin, gatewayRequests[step]!))) - directMs);
          overhead.floor.push((await timeMs(() => send(floorServer.origin, floorRequests[step]!))) - directMs);
          criticalPath.push(directMs);
        }
      }

      // Throughput: every connection count, several runs, the three targets taking turns.
      const cells: ThroughputCell[] = [];
      for (const connectionCount of options.connections) {
        for (let run = 0; run < options.runs; run += 1) {
          for (const target of rotate(targets, run)) {
            const loadRun: LoadRun = {
              url: target.origin,
              requests: target.requests(scenario, fixtures),
              connections: connectionCount,
              seconds: options.secondsPerRun,
              // A smoke run only proves the pieces fit: a few requests, not a measurement.
              ...(options.smoke ? { amount: 4 * connectionCount } : {}),
            };
            const { result, cpuMsPerRequest, cores } = await loadMeasuringCpu(load, loadRun, pids[target.name], { vendors: simulators.pid, load: load.pid });
            cells.push({ target: target.name, connections: connectionCount, run, ...result, cpuMsPerRequest, vendorCores: cores.vendors!, loadCores: cores.load! });
            log(
              `  ${target.name.padEnd(7)} ${String(connectionCount).padStart(3)} connections: ${result.requestsPerSecond.toFixed(0).padStart(5)} req/s, ` +
                `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ${result.failures} failures; CPU ${cpuMsPerRequest.toFixed(2)} ms/request, ` +
                `vendors ${(cores.vendors! * 100).toFixed(0)} %, load generator ${(cores.load! * 100).toFixed(0)} % of a core`,
            );
          }
        }
      }
      scenarios.push({
        id: scenario.id,
        title: scenario.title,
        steps,
        floor: scenario.floor,
        calls,
        lowLoad: {
          criticalPathMs: { p50: median(criticalPath), p99: quantile(criticalPath, 0.99) },
          gatewayOverheadMs: { p50: median(overhead.gateway), p99: quantile(overhead.gateway, 0.99) },
          floorOverheadMs: { p50: median(overhead.floor), p99: quantile(overhead.floor, 0.99) },
        },
        cells,
      });
    }
    await direct.close();

    const streaming = options.scenarios.includes('7') ? (log('scenario 7: a file up and down through the gateway'), await benchStreaming(urls.assets, options.fileBytes, options.runs)) : [];
    const imports = options.scenarios.includes('8') ? (log('scenario 8: a file imported vendor to vendor through the gateway'), await benchImports(urls.assets, options.fileBytes, options.runs)) : [];
    const report: BenchReport = {
      date: new Date().toISOString(),
      command: options.smoke ? 'npm run bench -- --smoke' : 'npm run bench',
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 1024 ** 3), node: process.version, platform: `${os.platform()} ${os.arch()}` },
      options,
      scenarios,
      streaming,
      imports,
    };
    const markdown = [renderReport(report), ...renderHotPathTargets(report)].join('\n');
    const chart = renderRatioChart(report);
    if (options.smoke) {
      console.log(markdown);
      log(`ratio chart: ${chart.length} characters of SVG (not written)`);
    } else {
      await writeResults(report, markdown, chart);
    }
    log('done');
  } finally {
    for (const child of children.reverse()) child.stop();
  }
}

/** The targets in a different order each run, so none always runs first (or last). */
function rotate<T>(items: T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

const RESULTS_START = '<!-- bench:results:start -->';
const RESULTS_END = '<!-- bench:results:end -->';

/** bench/results/bench.json, docs/bench-ratios.svg, and the results part of docs/BENCHMARKS.md (the prose around it stays). */
async function writeResults(report: BenchReport, markdown: string, chart: string): Promise<void> {
  const root = path.join(__dirname, '..', '..');
  await mkdir(path.join(root, 'bench', 'results'), { recursive: true });
  await writeFile(path.join(root, 'bench', 'results', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(root, 'docs', 'bench-ratios.svg'), chart);
  const docPath = path.join(root, 'docs', 'BENCHMARKS.md');
  const doc = await readFile(docPath, 'utf8');
  const start = doc.indexOf(RESULTS_START);
  const end = doc.indexOf(RESULTS_END);
  if (start < 0 || end < start) throw new Error(`${docPath} has no ${RESULTS_START} … ${RESULTS_END} section`);
  await writeFile(docPath, `${doc.slice(0, start + RESULTS_START.length)}\n${markdown}\n${doc.slice(end)}`);
}

// The bench issuer is a loopback server: closed, so the process can exit.
main()
  .finally(closeBenchCaller)
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
