/**
 * The gateway as the benchmark runs it: configured from the environment like `npm start`, with
 * DataLoader batching and caching on, or off with `--naive` (the baseline: every field fetches
 * for itself, the way resolvers are often written).
 */
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { reportReady } from './ipc';

async function main(): Promise<void> {
  const naive = process.argv.includes('--naive');
  const app = await startApp(loadConfig(), { loaderOptions: naive ? { batch: false, cache: false } : {} });
  // Stopped cleanly, so `--cpu-prof` gets to write its profile.
  reportReady({ url: app.gateway.url }, () => app.stop());
}

void main();
