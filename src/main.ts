import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './observability/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.observability.logLevel);
  const app = await startApp(config, { logger });
  const role = config.federation ? ' (Apollo Federation 2 subgraph)' : '';
  logger.info({ url: app.gateway.url, mode: config.mode, federation: config.federation }, `mediagraph ${config.mode}: GraphQL at ${app.gateway.url}${role}`);
  logger.info(
    { cache: app.cacheKind },
    app.cacheKind === 'redis' ? 'Cache: Redis, shared by every replica' : 'Cache: in memory (set REDIS_URL to share it between replicas)',
  );
  if (app.simulated.length) {
    logger.info({ simulated: app.simulated }, `Vendor APIs on embedded simulators with demo data: ${app.simulated.join(', ')}`);
    // The embedded simulator's published demo token (README), not anyone's credential.
    for (const [name, value] of Object.entries(app.demoHeaders)) {
      logger.info(`Demo header (preset in Apollo Sandbox): ${name}: ${value}`);
    }
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: draining in-flight requests…`);
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  // Before the configuration is read there is no configured level: a startup failure always shows.
  const logger = createLogger('info');
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, 'Startup failed');
  process.exit(1);
});
