/**
 * The bench report and chart from known figures: CPU per request at each target's peak, a figure
 * bound by the vendors or the load generator marked as such, the targets checked (scenario 2 has no
 * naive one),
 * and chart bars as long as their ratios.
 */
import { renderRatioChart } from '../../bench/ratioChart';
import { hotPathTargets } from '../../bench/hotPathTargets';
import { renderReport } from '../../bench/report';
import type { BenchReport, ScenarioReport, TargetName, ThroughputCell } from '../../bench/report';
import type { BenchOptions } from '../../bench/run';

const options: BenchOptions = {
  smoke: false,
  vendorLatencyMs: 20,
  connections: [64],
  secondsPerRun: 3,
  runs: 1,
  samples: 1,
  p99BoundMs: 500,
  fileBytes: [],
  scenarios: ['1', '2'],
};

function cell(target: TargetName, requestsPerSecond: number, loads: Partial<ThroughputCell> = {}): ThroughputCell {
  return {
    target,
    connections: 64,
    run: 0,
    requestsPerSecond,
    latencyMs: { p50: 30, p99: 60 },
    requests: requestsPerSecond * 3,
    failures: 0,
    cpuMsPerRequest: 1,
    vendorCores: 0.2,
    loadCores: 0.3,
    ...loads,
  };
}

function scenario(id: string, title: string, cells: ThroughputCell[]): ScenarioReport {
  const spread = { p50: 1, p99: 2 };
  return {
    id,
    title,
    steps: 1,
    floor: { calls: 1, rounds: 1 },
    calls: { gateway: 1, naive: 1, floor: 1 },
    lowLoad: { criticalPathMs: spread, gatewayOverheadMs: spread, floorOverheadMs: spread },
    cells,
  };
}

const report: BenchReport = {
  date: '2026-12-01T12:00:00.000Z',
  command: 'npm run bench',
  machine: { cpus: 2, cpuModel: 'test', memoryGiB: 1, node: 'v20', platform: 'linux x64' },
  options,
  scenarios: [
    scenario('1', 'One photo by id', [
      cell('gateway', 600, { cpuMsPerRequest: 1.75 }),
      cell('naive', 580),
      cell('floor', 1000, { cpuMsPerRequest: 0.25, vendorCores: 0.97 }),
    ]),
    scenario('2', 'Photos & <projects>', [cell('gateway', 90), cell('naive', 95), cell('floor', 100, { loadCores: 0.4 })]),
  ],
  streaming: [],
};

const row = (markdown: string, heading: string, id: string) => {
  const section = markdown.slice(markdown.indexOf(heading));
  return section.split('\n').find((line) => line.startsWith(`| ${id} |`))!;
};

describe('the bench report', () => {
  const markdown = renderReport(report);

  it("marks a figure the vendors bounded, and the ratios built on it, and only those", () => {
    const one = row(markdown, '### Throughput', '1');
    expect(one).toContain('1000 (64) **bound: vendors 97 %**');
    expect(one).toContain('| 600 (64) |');
    expect(one).toContain('1.03× |');
    expect(one).toContain('0.60× (bound)');
    expect(row(markdown, '### Throughput', '2')).not.toContain('bound');
  });

  it('sets scenario 2 no naive target (the naive baseline makes the same 2 calls) and judges scenario 1 against the floor', () => {
    expect(row(markdown, '### Throughput', '2')).not.toContain('naive:');
    expect(row(markdown, '### Throughput', '1')).toContain('≥ 0.6× floor: met');
  });

  it("checks issue 17's targets against the figures", () => {
    const verdicts = Object.fromEntries(hotPathTargets(report).map((check) => [check.figure, [check.shown, check.met]]));
    expect(verdicts).toEqual({
      '1, gateway CPU per request': ['1.75 ms', false],
      '1, gateway throughput ÷ floor': ['0.60×', true],
      "1, low-load p50 overhead above the floor script's own": ['+0.00 ms', true],
      "2, low-load p50 overhead above the floor script's own": ['+0.00 ms', true],
    });
    const slow = { ...report, scenarios: report.scenarios.map((one) => ({ ...one, lowLoad: { ...one.lowLoad, gatewayOverheadMs: { p50: 2.6, p99: 3 } } })) };
    expect(hotPathTargets(slow).filter((check) => !check.met).map((check) => check.figure)).toEqual([
      '1, gateway CPU per request',
      "1, low-load p50 overhead above the floor script's own",
      "2, low-load p50 overhead above the floor script's own",
    ]);
  });

  it("reports each target's CPU per request at its peak", () => {
    expect(row(markdown, '### CPU per request', '1')).toBe('| 1 | 1.75 | 1.00 | 0.25 | 7.00× |');
  });
});

describe('the ratio chart', () => {
  const svg = renderRatioChart(report);
  const bars = [...svg.matchAll(/<rect x="250" y="\d+" width="([\d.]+)"/g)].map((match) => Number(match[1]));

  it('draws each scenario’s gateway and naive bars as long as their share of the floor', () => {
    // Scenario 1 gateway 0.6, naive 0.58; scenario 2 gateway 0.9, naive 0.95: on one scale.
    expect(bars).toHaveLength(4);
    const [gateway1, naive1, gateway2, naive2] = bars as [number, number, number, number];
    expect(gateway1 / gateway2).toBeCloseTo(0.6 / 0.9, 2);
    expect(naive1 / naive2).toBeCloseTo(0.58 / 0.95, 2);
  });

  it('labels ratios, marks the bound ones, and escapes titles', () => {
    expect(svg).toContain('0.60× bound');
    expect(svg).toContain('0.90×</text>');
    expect(svg).toContain('2. Photos &amp; &lt;projects&gt;');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });
});
