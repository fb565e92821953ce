import { DEMO } from '../src/simulators/acc/seed';
import { ASSETS_DEMO } from '../src/simulators/assets/server';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import type { VendorUrls } from './scenarios';

/** The simulators' demo credentials, which the gateway and the floor both call with. */
export const BENCH_TOKENS = { acc: DEMO.token, materials: MATERIALS_DEMO.token, contentHub: CONTENT_HUB_DEMO.token };

/** The gateway's configuration for the benchmark's simulators. */
export function vendorEnv(urls: VendorUrls): Record<string, string> {
  return {
    ACC_BASE_URL: urls.acc,
    MATERIALS_BASE_URL: urls.materials,
    MATERIALS_TOKEN: BENCH_TOKENS.materials,
    ASSETS_BASE_URL: urls.assets,
    ASSETS_TOKEN: ASSETS_DEMO.token,
    CONTENT_HUB_BASE_URL: urls.contentHub,
    CONTENT_HUB_TOKEN: BENCH_TOKENS.contentHub,
  };
}
