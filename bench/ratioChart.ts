/**
 * docs/bench-ratios.svg: every scenario's gateway and naive throughput as a share of the floor's,
 * and the gateway over the naive baseline, so the gaps show at a glance. Plain SVG text.
 */
import type { BenchReport, Peak } from './report';
import { boundBy, peaksOf, throughputRatio } from './report';

const WIDTH = 760;
const LABEL_WIDTH = 250;
const BAR_AREA = 360;
const BAR_HEIGHT = 14;
const ROW_HEIGHT = 2 * BAR_HEIGHT + 22;
const TOP = 46;
const COLOURS = { gateway: '#2b6cb0', naive: '#a0aec0' };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const label = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

export function renderRatioChart(report: BenchReport): string {
  const rows = report.scenarios.map((scenario) => {
    const { gateway, naive, floor } = peaksOf(scenario, report.options.p99BoundMs);
    const bound = (...peaks: Array<Peak | undefined>) => peaks.some((peak) => peak && boundBy(peak).length);
    return {
      title: `${scenario.id}. ${scenario.title}`,
      gateway: { ratio: throughputRatio(gateway, floor), bound: bound(gateway, floor) },
      naive: { ratio: throughputRatio(naive, floor), bound: bound(naive, floor) },
      overNaive: { ratio: throughputRatio(gateway, naive), bound: bound(gateway, naive) },
    };
  });
  const largest = Math.max(1.1, ...rows.flatMap((row) => [row.gateway.ratio, row.naive.ratio]).filter(Number.isFinite));
  const x = (ratio: number) => LABEL_WIDTH + (Math.max(0, ratio) / largest) * BAR_AREA;
  const height = TOP + rows.length * ROW_HEIGHT + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">Throughput as a share of the floor script's (${escape(report.date.slice(0, 16).replace('T', ' '))} UTC)</text>`,
    `<rect x="10" y="30" width="10" height="10" fill="${COLOURS.gateway}"/><text x="24" y="39">gateway ÷ floor</text>`,
    `<rect x="130" y="30" width="10" height="10" fill="${COLOURS.naive}"/><text x="144" y="39">naive baseline ÷ floor</text>`,
    `<text x="300" y="39">right column: gateway ÷ naive · "bound": a vendor- or load-bound run</text>`,
  ];
  rows.forEach((row, index) => {
    const top = TOP + index * ROW_HEIGHT;
    parts.push(`<text x="10" y="${top + BAR_HEIGHT + 4}">${escape(row.title.length > 36 ? `${row.title.slice(0, 35)}…` : row.title)}</text>`);
    (['gateway', 'naive'] as const).forEach((target, bar) => {
      const y = top + bar * (BAR_HEIGHT + 2);
      const { ratio, bound } = row[target];
      const end = x(Number.isFinite(ratio) ? ratio : 0);
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${(end - LABEL_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLOURS[target]}"/>`,
        `<text x="${(end + 4).toFixed(1)}" y="${y + BAR_HEIGHT - 3}">${label(ratio)}${bound ? ' bound' : ''}</text>`,
      );
    });
    parts.push(`<text x="${WIDTH - 10}" y="${top + BAR_HEIGHT + 4}" text-anchor="end">${label(row.overNaive.ratio)}${row.overNaive.bound ? ' bound' : ''}</text>`);
  });
  const floorX = x(1).toFixed(1);
  const bottom = TOP + rows.length * ROW_HEIGHT;
  parts.push(
    `<line x1="${floorX}" y1="${TOP - 4}" x2="${floorX}" y2="${bottom}" stroke="#c53030" stroke-dasharray="4 3"/>`,
    `<text x="${floorX}" y="${bottom + 16}" text-anchor="middle" fill="#c53030">floor = 1×</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
