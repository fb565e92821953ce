/**
 * `npm run bench:profile -- <scenario>`: one scenario under load against a gateway started with
 * `--cpu-prof`, then the functions that took the most CPU (self time), from the profile. The
 * .cpuprofile file stays in bench/profiles/ (not committed) for Chrome DevTools or speedscope.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadMeasuringCpu, startChild, startGatewayChild } from './childProcess';
import type { LoadRun } from './children/load';
import { SCENARIOS } from './scenarios';
import type { VendorUrls } from './scenarios';
import { graphqlTarget } from './targets';
import { vendorEnv } from './vendorTokens';
import { readFixtures } from './fixtures';
import { closeBenchCaller } from './benchCaller';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const scenario = SCENARIOS.find((candidate) => candidate.id === (process.argv[2] ?? '1'));
  if (!scenario) throw new Error(`scenarios: ${SCENARIOS.map((candidate) => candidate.id).join(', ')}`);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const directory = path.join(__dirname, '..', '..', 'bench', 'profiles');
  await mkdir(directory, { recursive: true });
  const before = new Set(await readdir(directory));

  const simulators = await startChild<{ urls: VendorUrls }>('simulators', [process.env.BENCH_VENDOR_LATENCY_MS ?? '20']);
  const { urls } = simulators.ready;
  const gateway = await startGatewayChild(
    vendorEnv(urls),
    { execArgv: ['--cpu-prof', `--cpu-prof-dir=${directory}`] },
  );
  const load = await startChild<object>('load');
  try {
    const fixtures = await readFixtures(gateway.ready.url);
    const target = graphqlTarget('gateway', gateway.ready.url);
    const run: LoadRun = {
      url: target.origin,
      connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
      seconds,
      requests: target.requests(scenario, fixtures),
    };
    const { result, cpuMsPerRequest } = await loadMeasuringCpu(load, run, gateway.pid);
    console.log(
      `scenario ${scenario.id}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ` +
        `${result.failures} failures; gateway CPU ${cpuMsPerRequest.toFixed(2)} ms per request`,
    );
  } finally {
    load.stop();
    await new Promise((resolve) => {
      gateway.process.once('exit', resolve);
      gateway.stop();
    });
    simulators.stop();
  }
  const written = (await readdir(directory)).filter((name) => name.endsWith('.cpuprofile') && !before.has(name));
  if (!written.length) throw new Error('the gateway wrote no profile');
  const profile = JSON.parse(await readFile(path.join(directory, written[0]!), 'utf8')) as CpuProfile;
  console.log(`profile: bench/profiles/${written[0]}`);
  printSelfTime(profile);
}

/** Self time summed over the profile's samples: per package (or our src/), then the top 30 functions. */
function printSelfTime(profile: CpuProfile): void {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let totalUs = 0;
  const add = (totals: Map<string, number>, key: string, us: number) => totals.set(key, (totals.get(key) ?? 0) + us);
  profile.samples.forEach((nodeId, index) => {
    const { functionName, url, lineNumber } = byNode.get(nodeId)!.callFrame;
    const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, '');
    const delta = profile.timeDeltas[index] ?? 0;
    add(byFunction, `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim(), delta);
    add(byPackage, packageOf(url, functionName), delta);
    totalUs += delta;
  });
  const print = (totals: Map<string, number>, count: number) => {
    for (const [key, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, count)) {
      console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${key}`);
    }
  };
  console.log('\nself time by package:');
  print(byPackage, 15);
  console.log('\nself time by function:');
  print(byFunction, 30);
}

function packageOf(url: string, functionName: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.includes('/dist/src/')) return 'mediagraph (src/)';
  if (url.startsWith('node:')) return 'node built-ins';
  return functionName.startsWith('(') ? functionName : 'native (JSON, regexp, buffers…)';
}

// The bench issuer is a loopback server: closed, so the process can exit.
main()
  .finally(closeBenchCaller)
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
