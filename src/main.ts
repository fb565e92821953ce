import { startApp } from './app';
import { ConfigError, loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp(config);
  console.log(`mediagraph ${config.mode}: GraphQL at ${app.gateway.url}${config.federation ? ' (Apollo Federation 2 subgraph)' : ''}`);
  console.log(app.cacheKind === 'redis' ? 'Cache: Redis, shared by every replica' : 'Cache: in memory (set REDIS_URL to share it between replicas)');
  if (app.simulated.length) {
    console.log(`Vendor APIs on embedded simulators with demo data: ${app.simulated.join(', ')}`);
    for (const [name, value] of Object.entries(app.demoHeaders)) {
      console.log(`Demo header (preset in Apollo Sandbox): ${name}: ${value}`);
    }
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining in-flight requests…`);
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
