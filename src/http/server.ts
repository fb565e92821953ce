import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import cors from 'cors';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { CACHE_TTL_SECONDS } from '../cache/gatewayCache';
import { DownloadOrderWatcher } from '../downloadOrders/orderWatcher';
import express from 'express';
import { ASSET_CONTENT_PATH, AssetContentLinks } from '../assets/contentLinks';
import { ACC_TOKEN_HEADER } from '../auth/accToken';
import type { Config } from '../config';
import type { GraphQLContext } from '../graphql/context';
import type { LoaderOptions } from '../loaders';
import { formatError } from '../graphql/errors';
import { buildFederatedSchema } from '../graphql/federation/subgraphSchema';
import { buildSchema } from '../graphql/schema';
import type { Telemetry } from '../observability/telemetry';
import type { Upstreams } from '../upstream';
import { REQUEST_ID_HEADER, accessLog } from './accessLog';
import { assetContentHandler } from './assetContent';
import { httpMetrics, metricsEndpoint } from './httpMetrics';
import { operationTelemetryPlugin } from './operationTelemetryPlugin';
import { httpContext, wsContext } from './requestContext';
import type { Services } from './requestContext';
import { tracingPlugin } from './tracingPlugin';
import { upstreamCallsPlugin } from './upstreamCallsPlugin';
import { multipartBodyPlugin } from './multipart/multipartBodyPlugin';
import { multipartUploads, requestErrors } from './uploads';

export const GRAPHQL_PATH = '/graphql';

export interface GatewayOptions {
  config: Config;
  upstreams: Upstreams;
  /** Holds automatic persisted queries: in memory, or in Redis shared by the replicas. */
  cache: KeyValueCache<string>;
  telemetry: Telemetry;
  /** Headers Apollo Sandbox starts with (the demo ACC token when running on simulators). */
  sandboxHeaders?: Record<string, string>;
  loaderOptions?: LoaderOptions;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  url: string;
  httpServer: http.Server;
  /** Stops taking requests, lets in-flight ones finish (within the grace period), then closes. */
  stop(): Promise<void>;
}

export async function startGateway({ config, upstreams, cache, telemetry, sandboxHeaders, loaderOptions }: GatewayOptions): Promise<RunningGateway> {
  const production = config.mode === 'production';
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every response body for an ETag; GraphQL answers are not cached by ETag
  // (and the asset route sends the vendor's own), so it is work for nothing on every request.
  app.set('etag', false);
  app.use(accessLog(telemetry.logger), httpMetrics(telemetry.metrics));
  const services: Services = {
    upstreams,
    assetLinks: new AssetContentLinks(config.assetContent.secret, config.assetContent.ttlSeconds),
    downloadOrderWatcher: new DownloadOrderWatcher(upstreams.contentHub, config.downloadOrderPollMs),
    publicUrl: config.publicUrl,
    loaderOptions,
    telemetry,
  };
  const httpServer = http.createServer(app);
  const schema = buildSchema();
  // A subgraph has no subscriptions: WebSocket clients keep the plain schema either way.
  const httpSchema = config.federation ? buildFederatedSchema() : schema;
  let draining = false;

  // Subscriptions: graphql-ws on the GraphQL path, the protocol Apollo Sandbox and Apollo
  // Client's GraphQLWsLink speak.
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  const subscriptions = useServer(
    {
      schema,
      context: wsContext(services),
      // The same error shape and codes as over HTTP.
      onNext: (_context, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error, production)) } : result,
    },
    wsServer,
  );

  // Hostile-query limits (graphql-armor): depth, aliases, tokens and static cost. Field
  // suggestions are Apollo's to hide (hideSchemaDetailsFromClientErrors) in production.
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.depth },
    maxAliases: { n: config.limits.aliases },
    maxTokens: { n: config.limits.tokens },
    costLimit: { maxCost: config.limits.cost },
    blockFieldSuggestion: { enabled: false },
  }).protect();

  const apollo = new ApolloServer<GraphQLContext>({
    schema: httpSchema,
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries: a client may send a query's hash alone once it is known.
    cache,
    persistedQueries: { ttl: CACHE_TTL_SECONDS },
    nodeEnv: config.mode,
    // main.ts owns the process's signals: it stops the gateway, then the vendor pools.
    stopOnTerminationSignals: false,
    introspection: !production,
    // Production answers no "Did you mean …?" hints that would reveal the schema.
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: config.mode === 'development',
    formatError: (formatted, error) => formatError(formatted, error, production),
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      // The schema sets no cache hints, and the default cache-control plugin wraps every field
      // resolver to collect them: a cost on every field for nothing (docs/BENCHMARKS.md).
      ApolloServerPluginCacheControlDisabled(),
      { serverWillStart: async () => ({ drainServer: async () => subscriptions.dispose() }) },
      production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false, headers: sandboxHeaders }),
      multipartBodyPlugin,
      operationTelemetryPlugin(telemetry.metrics),
      ...(telemetry.tracing ? [tracingPlugin(telemetry.tracing)] : []),
      ...(production ? [] : [upstreamCallsPlugin]),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    res.status(draining ? 503 : 200).json({ status: draining ? 'draining' : 'ready' });
  });
  if (config.observability.metricsEnabled) app.get('/metrics', metricsEndpoint(telemetry.metrics));
  app.get(`${ASSET_CONTENT_PATH}/:key/content`, assetContentHandler(upstreams, services.assetLinks));
  app.use(
    GRAPHQL_PATH,
    cors<cors.CorsRequest>({
      origin: config.http.corsOrigins,
      allowedHeaders: ['content-type', 'apollo-require-preflight', 'x-apollo-operation-name', ACC_TOKEN_HEADER, REQUEST_ID_HEADER, 'traceparent'],
      exposedHeaders: [REQUEST_ID_HEADER],
      maxAge: 600,
    }),
    express.json({ limit: config.limits.jsonBodyBytes }),
    ...multipartUploads(config),
    expressMiddleware(apollo, { context: httpContext(services) }),
    requestErrors,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.http.port, config.http.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;

  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    httpServer,
    stop: async () => {
      draining = true;
      await apollo.stop();
    },
  };
}
