import type { Config } from './config';
import { startGateway } from './http/server';
import type { RunningGateway } from './http/server';
import { ACC_TOKEN_HEADER } from './auth/accToken';
import { DEMO } from './simulators/acc/seed';
import { startAccSimulator } from './simulators/acc/server';
import { ASSETS_DEMO, startAssetsSimulator } from './simulators/assets/server';
import { MATERIALS_DEMO } from './simulators/materials/seed';
import { startMaterialsSimulator } from './simulators/materials/server';
import { createUpstreams } from './upstream';

export interface RunningApp {
  gateway: RunningGateway;
  /** Vendor APIs served by embedded simulators because no base URL was configured. */
  simulated: string[];
  /** Headers the demo data needs (preset in Apollo Sandbox too). */
  demoHeaders: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The gateway with its upstreams. A vendor whose base URL is not configured runs on its
 * embedded simulator with demo data, so `npm start` works with no configuration at all.
 */
export async function startApp(config: Config): Promise<RunningApp> {
  const closers: Array<() => Promise<void>> = [];
  const simulated: string[] = [];
  const demoHeaders: Record<string, string> = {};

  let accBaseUrl = config.upstreamUrls.acc;
  if (accBaseUrl === undefined) {
    const simulator = await startAccSimulator({ latencyMs: config.simulatorLatencyMs });
    closers.push(() => simulator.close());
    accBaseUrl = simulator.url;
    simulated.push('acc');
    demoHeaders[ACC_TOKEN_HEADER] = DEMO.token;
  }

  let materials = config.upstreamUrls.materials;
  if (materials === undefined) {
    const simulator = await startMaterialsSimulator({ latencyMs: config.simulatorLatencyMs });
    closers.push(() => simulator.close());
    materials = { baseUrl: simulator.url, token: MATERIALS_DEMO.token };
    simulated.push('materials');
  }

  let assets = config.upstreamUrls.assets;
  if (assets === undefined) {
    const simulator = await startAssetsSimulator({ latencyMs: config.simulatorLatencyMs });
    closers.push(() => simulator.close());
    assets = { baseUrl: simulator.url, token: ASSETS_DEMO.token };
    simulated.push('assets');
  }

  const upstreams = createUpstreams({ ...config.upstream, acc: { baseUrl: accBaseUrl }, materials, assets });
  closers.push(() => upstreams.close());
  const gateway = await startGateway({ config, upstreams, sandboxHeaders: demoHeaders });

  return {
    gateway,
    simulated,
    demoHeaders,
    stop: async () => {
      await gateway.stop();
      for (const close of closers.reverse()) await close();
    },
  };
}
