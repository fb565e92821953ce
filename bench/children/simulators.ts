/**
 * The four vendor simulators in a process of their own, with a fixed vendor latency, so the
 * gateway, the baselines and the load generator each measure against the same vendors. The
 * benchmark reads and resets their request counts over IPC.
 */
import { startAccSimulator } from '../../src/simulators/acc/server';
import { startAssetsSimulator } from '../../src/simulators/assets/server';
import { startContentHubSimulator } from '../../src/simulators/contentHub/server';
import { startMaterialsSimulator } from '../../src/simulators/materials/server';
import { BENCH_ORDER_COUNT } from '../scenarios';
import { reportReady } from './ipc';

export type VendorCounts = Record<'acc' | 'materials' | 'assets' | 'contentHub', number>;
export type SimulatorsMessage = { type: 'counts' } | { type: 'reset' };

async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2]);
  const simulators = {
    acc: await startAccSimulator({ latencyMs }),
    materials: await startMaterialsSimulator({ latencyMs }),
    assets: await startAssetsSimulator({ latencyMs }),
    // Orders never complete during a run, so the list the walk pages through stays the same.
    contentHub: await startContentHubSimulator({ latencyMs, orderCount: BENCH_ORDER_COUNT, completionMs: 24 * 3_600_000 }),
  };
  const entries = Object.entries(simulators) as Array<[keyof VendorCounts, (typeof simulators)[keyof VendorCounts]]>;
  process.on('message', (message: SimulatorsMessage) => {
    if (message.type === 'reset') {
      for (const [, simulator] of entries) simulator.requests.length = 0;
    }
    const counts = Object.fromEntries(entries.map(([name, simulator]) => [name, simulator.requests.length])) as VendorCounts;
    process.send!({ type: 'counts', counts });
  });
  reportReady({ urls: Object.fromEntries(entries.map(([name, simulator]) => [name, simulator.url])) }, async () => {
    await Promise.all(entries.map(([, simulator]) => simulator.close()));
  });
}

void main();
