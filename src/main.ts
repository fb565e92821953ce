import { startApp } from './app';
import { ACC_TOKEN_HEADER } from './auth/accToken';
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
  if (config.auth.mode === 'disabled') {
    logger.warn('AUTH_DISABLED=true: every caller is served as the gateway: only for a private network behind a router that authenticates');
  }
  if (app.demoTokens) {
    // Tokens of the embedded demo issuer, whose keys live in this process only: not anyone's credential.
    logger.info('Callers: an embedded demo issuer (set AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE for yours). Send a token as Authorization: Bearer <token>; both expire in 12 hours, a restart makes new ones');
    logger.info(`Demo access token, every scope (preset in Apollo Sandbox): ${app.demoTokens.full}`);
    logger.info(`Demo access token, read scopes only: ${app.demoTokens.readOnly}`);
  }
  if (app.simulated.length) {
    logger.info({ simulated: app.simulated }, `Vendor APIs on embedded simulators with demo data: ${app.simulated.join(', ')}`);
    // The embedded simulator's published demo token (README), not anyone's credential.
    if (app.demoHeaders[ACC_TOKEN_HEADER]) logger.info(`Demo header (preset in Apollo Sandbox): ${ACC_TOKEN_HEADER}: ${app.demoHeaders[ACC_TOKEN_HEADER]}`);
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
