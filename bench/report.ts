/**
 * What `npm run bench` found, as data (bench/results/bench.json) and as the Markdown tables of
 * docs/BENCHMARKS.md, with each target checked against the figures (bench/hotPathTargets.ts).
 */
import type { BenchOptions } from './run';
import type { LoadResult } from './children/load';
import type { ImportResult } from './imports';
import type { StreamingResult } from './streaming';
import { median } from './stats';
import { FLOOR_RATIO_TARGETS, NAIVE_RATIO_TARGETS } from './targetBars';

export type TargetName = 'gateway' | 'naive' | 'floor';

export interface ThroughputCell extends LoadResult {
  target: TargetName;
  connections: number;
  run: number;
  /** The target process's CPU time per request, from /proc. */
  cpuMsPerRequest: number;
  /** The vendors' and the load generator's CPU time over the run's wall time (1 = a core busy throughout). */
  vendorCores: number;
  loadCores: number;
}

interface Spread {
  p50: number;
  p99: number;
}

export interface ScenarioReport {
  id: string;
  title: string;
  /** Requests per walk (1 unless the scenario pages). */
  steps: number;
  floor: { calls: number; rounds: number };
  /** Vendor calls per request, counted at the simulators. */
  calls: Record<TargetName, number>;
  lowLoad: { criticalPathMs: Spread; gatewayOverheadMs: Spread; floorOverheadMs: Spread };
  cells: ThroughputCell[];
}

export interface BenchReport {
  date: string;
  command: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  options: BenchOptions;
  scenarios: ScenarioReport[];
  streaming: StreamingResult[];
  /** Scenario 8; absent in results from before it existed. */
  imports?: ImportResult[];
}

export interface Peak {
  connections: number;
  requestsPerSecond: number;
  latencyMs: Spread;
  failures: number;
  cpuMsPerRequest: number;
  vendorCores: number;
  loadCores: number;
}

/**
 * A process this busy (share of one core) during a run is what bounds it, not the layer measured:
 * on loopback a one-threaded vendor or load generator cannot go faster than its one core.
 */
export const BOUND_AT_CORES = 0.9;

/** What other than the target bounded a peak, if anything. */
export function boundBy(peak: Peak): string[] {
  return [
    ...(peak.vendorCores >= BOUND_AT_CORES ? [`vendors ${(peak.vendorCores * 100).toFixed(0)} %`] : []),
    ...(peak.loadCores >= BOUND_AT_CORES ? [`load generator ${(peak.loadCores * 100).toFixed(0)} %`] : []),
  ];
}

/** The connection count where a target's median throughput is highest with p99 under the bound. */
export function peakOf(scenario: ScenarioReport, target: TargetName, p99BoundMs: number): Peak | undefined {
  const levels = [...new Set(scenario.cells.map((cell) => cell.connections))];
  const summaries = levels.map((connections) => {
    const runs = scenario.cells.filter((cell) => cell.target === target && cell.connections === connections);
    return {
      connections,
      requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
      latencyMs: { p50: median(runs.map((run) => run.latencyMs.p50)), p99: median(runs.map((run) => run.latencyMs.p99)) },
      failures: runs.reduce((sum, run) => sum + run.failures, 0),
      cpuMsPerRequest: median(runs.map((run) => run.cpuMsPerRequest)),
      vendorCores: median(runs.map((run) => run.vendorCores)),
      loadCores: median(runs.map((run) => run.loadCores)),
    };
  });
  const admissible = summaries.filter((summary) => summary.latencyMs.p99 <= p99BoundMs && summary.failures === 0);
  return admissible.sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0];
}

/** Each target's peak in one scenario. */
export function peaksOf(scenario: ScenarioReport, p99BoundMs: number): Record<TargetName, Peak | undefined> {
  return { gateway: peakOf(scenario, 'gateway', p99BoundMs), naive: peakOf(scenario, 'naive', p99BoundMs), floor: peakOf(scenario, 'floor', p99BoundMs) };
}

/** One peak's throughput over another's; NaN when either has none under the bound. */
export function throughputRatio(over: Peak | undefined, under: Peak | undefined): number {
  return (over?.requestsPerSecond ?? Number.NaN) / (under?.requestsPerSecond ?? Number.NaN);
}

const f2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const f1 = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');
const f0 = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : 'n/a');
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');
const verdict = (met: boolean) => (met ? 'met' : '**not met**');


export function renderReport(report: BenchReport): string {
  const { options, machine } = report;
  const lines: string[] = [
    `Measured ${report.date.slice(0, 16).replace('T', ' ')} UTC with \`${report.command}\` on ${machine.platform}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}. ` +
      `Vendor latency ${options.vendorLatencyMs} ms; ${options.runs} runs of ${options.secondsPerRun} s per connection count (${options.connections.join(', ')}); ` +
      `throughput counts where p99 ≤ ${options.p99BoundMs} ms with no failures; ${options.samples} low-load samples per scenario.`,
    '',
    '### Vendor calls per request',
    '',
    '| scenario | floor (calls, rounds) | gateway | naive baseline | floor script |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const scenario of report.scenarios) {
    const atFloor = Math.abs(scenario.calls.gateway - scenario.floor.calls) < 1e-9;
    lines.push(
      `| ${scenario.id}. ${scenario.title} | ${scenario.floor.calls}, ${scenario.floor.rounds} | ${f1(scenario.calls.gateway)} (${atFloor ? 'at the floor' : '**above the floor**'}) | ${f1(scenario.calls.naive)} | ${f1(scenario.calls.floor)} |`,
    );
  }
  lines.push(
    '',
    '### Latency overhead (gateway latency − vendor critical path, ms)',
    '',
    'Low load: one request at a time, each paired with the same vendor calls made directly. Peak: at the connection count where the gateway\'s throughput peaks, its autocannon p50/p99 minus the low-load critical path p50.',
    '',
    '| scenario | critical path p50 | low load p50 | low load p99 | floor script p50 | at peak (connections) p50 | at peak p99 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const scenario of report.scenarios) {
    const { criticalPathMs, gatewayOverheadMs, floorOverheadMs } = scenario.lowLoad;
    const peak = peakOf(scenario, 'gateway', options.p99BoundMs);
    lines.push(
      `| ${scenario.id} | ${f1(criticalPathMs.p50)} | ${f1(gatewayOverheadMs.p50)} | ${f1(gatewayOverheadMs.p99)} | ${f1(floorOverheadMs.p50)} | ` +
        `${peak ? `${f0(peak.latencyMs.p50 - criticalPathMs.p50)} (${peak.connections})` : 'n/a'} | ${peak ? f0(peak.latencyMs.p99 - criticalPathMs.p50) : 'n/a'} |`,
    );
  }
  lines.push(
    '',
    '### Throughput (requests/s at each target\'s peak; connections in brackets)',
    '',
    `A figure whose run had the vendors or the load generator at ≥ ${BOUND_AT_CORES * 100} % of a core (from /proc) is marked: that process, not the target, bounded it, and the ratios built on it are marked too.`,
    '',
    '| scenario | gateway | naive baseline | floor script | gateway ÷ naive | gateway ÷ floor | target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const scenario of report.scenarios) {
    const peaks = peaksOf(scenario, options.p99BoundMs);
    const { gateway, naive, floor } = peaks;
    const bound = (peak: Peak | undefined) => (peak ? boundBy(peak) : []);
    const cell = (peak: Peak | undefined) => {
      if (!peak) return 'none under the bound';
      const by = bound(peak);
      return `${f0(peak.requestsPerSecond)} (${peak.connections})${by.length ? ` **bound: ${by.join(', ')}**` : ''}`;
    };
    const ratioOf = (over: Peak | undefined, under: Peak | undefined) =>
      `${ratio(throughputRatio(over, under))}${bound(over).length || bound(under).length ? ' (bound)' : ''}`;
    const vsNaive = throughputRatio(gateway, naive);
    const vsFloor = throughputRatio(gateway, floor);
    // Scenario 2 has no naive target: the naive baseline makes the same 2 calls by construction.
    const targets: string[] = [];
    const naiveTarget = NAIVE_RATIO_TARGETS[scenario.id];
    const floorTarget = FLOOR_RATIO_TARGETS[scenario.id];
    if (naiveTarget !== undefined) targets.push(`≥ ${naiveTarget}× naive: ${verdict(vsNaive >= naiveTarget)}`);
    if (floorTarget !== undefined) targets.push(`≥ ${floorTarget}× floor: ${verdict(vsFloor >= floorTarget)}`);
    lines.push(`| ${scenario.id} | ${cell(gateway)} | ${cell(naive)} | ${cell(floor)} | ${ratioOf(gateway, naive)} | ${ratioOf(gateway, floor)} | ${targets.join('; ') || '–'} |`);
  }
  lines.push(
    '',
    '### CPU per request (ms of the target process\'s CPU time, from /proc, at its throughput peak)',
    '',
    '| scenario | gateway | naive baseline | floor script | gateway ÷ floor |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const scenario of report.scenarios) {
    const { gateway, naive, floor } = peaksOf(scenario, options.p99BoundMs);
    const cpu = (peak: Peak | undefined) => (peak ? f2(peak.cpuMsPerRequest) : 'n/a');
    lines.push(`| ${scenario.id} | ${cpu(gateway)} | ${cpu(naive)} | ${cpu(floor)} | ${ratio((gateway?.cpuMsPerRequest ?? Number.NaN) / (floor?.cpuMsPerRequest ?? Number.NaN))} |`);
  }
  if (report.streaming.length) {
    lines.push(
      '',
      '### Streaming (scenario 7)',
      '',
      '| file | gateway idle RSS | upload: peak RSS over idle | upload MiB/s (direct) | upload ratio | download: peak RSS over idle | download MiB/s (direct) | download ratio |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const row of report.streaming) {
      lines.push(
        `| ${row.sizeMiB} MiB | ${f1(row.idleRssMiB)} MiB | ${f1(row.upload.overIdleMiB)} MiB | ${f1(row.upload.mibPerSecond)} (${f1(row.upload.directMiBPerSecond)}) | ${f0(row.upload.ratio * 100)} % | ` +
          `${f1(row.download.overIdleMiB)} MiB | ${f1(row.download.mibPerSecond)} (${f1(row.download.directMiBPerSecond)}) | ${f0(row.download.ratio * 100)} % |`,
      );
    }
    // Their targets (rates and memory) are judged in the targets table (bench/hotPathTargets.ts).
  }
  if (report.imports?.length) {
    lines.push(
      '',
      '### Imports (scenario 8)',
      '',
      'A materials video imported into the asset store with `assetImport` (from the mutation to SUCCEEDED), against the same bytes downloaded and uploaded straight with undici, one stream piped into the other:',
      '',
      '| file | gateway idle RSS | peak RSS over idle | MiB/s (direct) | ratio |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const row of report.imports) {
      lines.push(`| ${row.sizeMiB} MiB | ${f1(row.idleRssMiB)} MiB | ${f1(row.overIdleMiB)} MiB | ${f1(row.mibPerSecond)} (${f1(row.directMiBPerSecond)}) | ${f0(row.ratio * 100)} % |`);
    }
  }
  return lines.join('\n');
}
