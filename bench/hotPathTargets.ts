/**
 * Issue 17's targets ("the lean hot path"), each checked against one `npm run bench` run. Two of
 * its figures are not in this report: scenarios 2 and 6's CPU per request is `bench:profile`'s,
 * under its profiler (docs/BENCHMARKS.md keeps those runs).
 */
import type { BenchReport, ScenarioReport } from './report';
import { peaksOf, throughputRatio } from './report';
import { FLOOR_RATIO_TARGETS, LOW_LOAD_EXCESS_MS, NAIVE_RATIO_TARGETS, SCENARIO_1_CPU_MS, STREAMING_RATIO_TARGET, STREAMING_RSS_MIB } from './targetBars';

export interface TargetCheck {
  figure: string;
  measured: number;
  /** How the figure is shown: `measured` with its unit. */
  shown: string;
  target: string;
  met: boolean;
}


const ms = (value: number) => `${value.toFixed(2)} ms`;
const times = (value: number) => `${value.toFixed(2)}×`;
const percent = (value: number) => `${(value * 100).toFixed(0)} %`;

export function hotPathTargets(report: BenchReport): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const scenario = (id: string): ScenarioReport | undefined => report.scenarios.find((candidate) => candidate.id === id);
  const bound = report.options.p99BoundMs;

  const one = scenario('1');
  const onePeak = one && peaksOf(one, bound).gateway;
  if (onePeak) {
    checks.push({ figure: '1, gateway CPU per request', measured: onePeak.cpuMsPerRequest, shown: ms(onePeak.cpuMsPerRequest), target: `≤ ${SCENARIO_1_CPU_MS} ms`, met: onePeak.cpuMsPerRequest <= SCENARIO_1_CPU_MS });
  }
  const ratioBars = [
    ['floor', FLOOR_RATIO_TARGETS],
    ['naive', NAIVE_RATIO_TARGETS],
  ] as const;
  for (const [under, bars] of ratioBars) {
    for (const [id, wanted] of Object.entries(bars)) {
      const found = scenario(id);
      if (!found) continue;
      const peaks = peaksOf(found, bound);
      const value = throughputRatio(peaks.gateway, peaks[under]);
      checks.push({ figure: `${id}, gateway throughput ÷ ${under}`, measured: value, shown: times(value), target: `≥ ${wanted}×`, met: value >= wanted });
    }
  }
  for (const [id, limit] of Object.entries(LOW_LOAD_EXCESS_MS)) {
    const found = scenario(id);
    if (!found) continue;
    const excess = found.lowLoad.gatewayOverheadMs.p50 - found.lowLoad.floorOverheadMs.p50;
    checks.push({ figure: `${id}, low-load p50 overhead above the floor script's own`, measured: excess, shown: `+${ms(excess)}`, target: `≤ +${limit} ms`, met: excess <= limit });
  }
  if (report.streaming.length) {
    // Rates are judged on the largest file: a small one is mostly the request's fixed cost.
    const largest = report.streaming.reduce((big, row) => (row.sizeMiB > big.sizeMiB ? row : big));
    for (const direction of ['upload', 'download'] as const) {
      const value = largest[direction].ratio;
      checks.push({ figure: `${largest.sizeMiB} MiB ${direction} ÷ direct`, measured: value, shown: percent(value), target: `≥ ${percent(STREAMING_RATIO_TARGET)}`, met: value >= STREAMING_RATIO_TARGET });
    }
    const worstRss = Math.max(...report.streaming.flatMap((row) => [row.upload.overIdleMiB, row.download.overIdleMiB]));
    checks.push({ figure: 'peak RSS over idle, any file', measured: worstRss, shown: `${worstRss.toFixed(1)} MiB`, target: `< ${STREAMING_RSS_MIB} MiB`, met: worstRss < STREAMING_RSS_MIB });
  }
  return checks;
}

export function renderHotPathTargets(report: BenchReport): string[] {
  const checks = hotPathTargets(report);
  if (!checks.length) return [];
  return [
    '',
    '### Targets (issue 17)',
    '',
    "Scenarios 2 and 6's CPU per request target is `bench:profile`'s (see above).",
    '',
    '| figure | measured | target | verdict |',
    '| --- | --- | --- | --- |',
    ...checks.map((check) => `| ${check.figure} | ${check.shown} | ${check.target} | ${check.met ? 'met' : '**not met**'} |`),
  ];
}
