/**
 * The four vendor simulators in a process of their own, so the gateway, the baselines and the
 * load generator each measure against the same vendors. ACC, Materials and Content Hub are
 * reached through remembering fronts (bench/rememberingVendor.ts), which add the fixed vendor
 * latency and answer repeated reads from memory, so the vendors are never what a run is bound by;
 * the asset store is reached directly (its bytes stream, and scenario 7 measures that), with the
 * latency of its own. The benchmark reads and resets the request counts over IPC.
 */
import { startAccSimulator } from '../../src/simulators/acc/server';
import { startAssetsSimulator } from '../../src/simulators/assets/server';
import { startContentHubSimulator } from '../../src/simulators/contentHub/server';
import { startMaterialsSimulator } from '../../src/simulators/materials/server';
import { startRememberingVendor } from '../rememberingVendor';
import type { BenchVendor } from '../rememberingVendor';
import { BENCH_ORDER_COUNT } from '../scenarios';
import { reportReady } from './ipc';

export type VendorCounts = Record<'acc' | 'materials' | 'assets' | 'contentHub', number>;
export type SimulatorsMessage = { type: 'counts' } | { type: 'reset' };

async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2]);
  const assets = await startAssetsSimulator({ latencyMs });
  const vendors: Record<keyof VendorCounts, BenchVendor> = {
    acc: await startRememberingVendor(await startAccSimulator(), latencyMs),
    materials: await startRememberingVendor(await startMaterialsSimulator(), latencyMs),
    assets: {
      url: assets.url,
      get requests() {
        return assets.requests.length;
      },
      resetRequests: () => {
        assets.requests.length = 0;
      },
      close: () => assets.close(),
    },
    // Orders never complete during a run, so the list the walk pages through stays the same.
    contentHub: await startRememberingVendor(await startContentHubSimulator({ orderCount: BENCH_ORDER_COUNT, completionMs: 24 * 3_600_000 }), latencyMs),
  };
  const entries = Object.entries(vendors) as Array<[keyof VendorCounts, BenchVendor]>;
  process.on('message', (message: SimulatorsMessage) => {
    if (message.type === 'reset') for (const [, vendor] of entries) vendor.resetRequests();
    const counts = Object.fromEntries(entries.map(([name, vendor]) => [name, vendor.requests])) as VendorCounts;
    process.send!({ type: 'counts', counts });
  });
  reportReady({ urls: Object.fromEntries(entries.map(([name, vendor]) => [name, vendor.url])) }, async () => {
    await Promise.all(entries.map(([, vendor]) => vendor.close()));
  });
}

void main();
