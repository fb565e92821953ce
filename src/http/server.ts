import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import cors from 'cors';
import { LinkOrigin } from '../access/linkOrigin';
import { createOperationPolicy } from '../access/operationPolicy';
import { OriginPolicy } from '../access/origins';
import { CACHE_TTL_SECONDS } from '../cache/gatewayCache';
import { DownloadOrderWatcher } from '../downloadOrders/orderWatcher';
import { AssetContentLinks } from '../assets/contentLinks';
import { ACC_TOKEN_HEADER } from '../auth/accToken';
import type { Authenticator } from '../auth/authenticator';
import type { Caller } from '../auth/caller';
import { decide, typeRequirementOf } from '../access/requirements';
import type { Config } from '../config';
import type { GraphQLContext } from '../graphql/context';
import type { LoaderOptions } from '../loaders';
import { buildFederatedSchema } from '../graphql/federation/subgraphSchema';
import { buildSchema } from '../graphql/schema';
import { jitGateway } from '../graphql/execution/jitExecutor';
import { CLIENT_NAME_HEADER, CLIENT_VERSION_HEADER } from '../observability/clientAwareness';
import type { Telemetry } from '../observability/telemetry';
import type { TrustedDocuments } from '../access/trustedDocuments/trustedDocuments';
import { AssetImports } from '../imports/jobs/assetImports';
import type { VendorDownloads } from '../imports/vendorDownloads';
import type { Upstreams } from '../upstream';
import { REQUEST_ID_HEADER, requestLog } from './requestLog';
import { assetContentHandler } from './assetContent';
import { authenticateRequests } from './authentication';
import { documentAdmission } from './documentAdmission';
import { GRAPHQL_PATH, graphqlRoute } from './graphqlRoute';
import { httpMetrics, metricsEndpoint } from './httpMetrics';
import { listen } from './listen';
import { startMetricsServer } from './metricsServer';
import type { MetricsServer } from './metricsServer';
import { operationTelemetryPlugin } from './operationTelemetryPlugin';
import { httpContext, wsContext } from './requestContext';
import type { Services } from './requestContext';
import { sendJson } from './errorBody';
import { tracingPlugin } from './tracingPlugin';
import { trustedDocumentsLogPlugin } from './trustedDocumentsPlugin';
import { upstreamCallsPlugin } from './upstreamCallsPlugin';
import { operationChecksPlugin } from './operationChecksPlugin';
import { multipartBodyPlugin } from './multipart/multipartBodyPlugin';
import { createRouter } from './routes';
import type { Handler } from './routes';
import { multipartUploads } from './uploads';
import { startWebSocketTransport } from './webSocketTransport';

export { GRAPHQL_PATH } from './graphqlRoute';

export interface GatewayOptions {
  config: Config;
  upstreams: Upstreams;
  /** Holds automatic persisted queries: in memory, or in Redis shared by the replicas. */
  cache: KeyValueCache<string>;
  telemetry: Telemetry;
  /** Headers Apollo Sandbox starts with (the demo ACC token when running on simulators). */
  sandboxHeaders?: Record<string, string>;
  loaderOptions?: LoaderOptions;
  /** Who each request is (src/auth/authenticator.ts), on every transport. */
  authenticator: Authenticator;
  /** The operations the frontends ship (PERSISTED_DOCUMENTS); unset: any document runs. */
  trustedDocuments?: TrustedDocuments;
  /** Downloads of vendor files for asset imports. */
  downloads: VendorDownloads;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  url: string;
  httpServer: http.Server;
  /** Where /metrics is served when METRICS_PORT gives it a port of its own. */
  metricsUrl?: string;
  /** Stops taking requests, lets in-flight ones finish (within the grace period), then closes. */
  stop(): Promise<void>;
}

export async function startGateway({ config, upstreams, cache, telemetry, sandboxHeaders, loaderOptions, authenticator, trustedDocuments, downloads }: GatewayOptions): Promise<RunningGateway> {
  const production = config.mode === 'production';
  const services: Services = {
    upstreams,
    downloads,
    imports: new AssetImports({
      upstreams,
      cache,
      limits: config.imports,
      maxFileBytes: config.uploads.maxFileBytes,
      logger: telemetry.logger,
      metrics: telemetry.metrics,
    }),
    assetLinks: new AssetContentLinks(config.assetContent.secret, config.assetContent.ttlSeconds),
    downloadOrderWatcher: new DownloadOrderWatcher(upstreams.contentHub, config.downloadOrderPollMs, config.downloadOrderWatchMaxOrders),
    linkOrigin: new LinkOrigin({ publicUrl: config.publicUrl, allowedHosts: config.http.allowedHosts, trustLoopbackHosts: !production }),
    loaderOptions,
    telemetry,
  };
  if (production && !config.publicUrl && config.http.allowedHosts.length === 0) {
    telemetry.logger.warn('Neither PUBLIC_URL nor ALLOWED_HOSTS is set: asset links point at the address each connection reached.');
  }
  // No framework (why no Express): the gateway serves /graphql, four fixed paths and one template
  // (src/http/routes.ts), so one node:http request path is less code than an Express app and
  // spares every request its cost (~0.3 ms of CPU, docs/BENCHMARKS.md).
  // Slow clients: a socket gets headersTimeout for its headers and requestTimeout for the whole
  // request (an upload's body included; answers are not limited). node:http checks them every
  // connectionsCheckingInterval, 30 s unless told, which would add up to 30 s to each.
  const httpServer = http.createServer({
    headersTimeout: config.http.headersTimeoutMs,
    requestTimeout: config.http.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, config.http.headersTimeoutMs),
  });
  httpServer.maxConnections = config.http.maxConnections;
  const schema = buildSchema();
  // A subgraph has no subscriptions: WebSocket clients keep the plain schema either way.
  const httpSchema = config.federation ? buildFederatedSchema() : schema;
  let draining = false;
  // One policy for both transports: what an operation may do does not depend on how it came.
  const policy = createOperationPolicy(config);
  const origins = new OriginPolicy(config.http.corsOrigins, services.linkOrigin);

  const subscriptions = startWebSocketTransport({
    httpServer,
    path: GRAPHQL_PATH,
    schema,
    policy,
    trustedDocuments,
    origins,
    authenticator,
    limits: config.webSocket,
    context: wsContext(services),
    draining: () => draining,
    logger: telemetry.logger,
  });

  const apollo = new ApolloServer<GraphQLContext>({
    // graphql-jit runs the operations Apollo has parsed and validated (docs/BENCHMARKS.md#the-executor).
    ...(config.executor.kind === 'jit'
      ? { gateway: jitGateway(httpSchema, { cacheSize: config.executor.cacheSize, logger: telemetry.logger, metrics: telemetry.metrics }) }
      : { schema: httpSchema }),
    parseOptions: policy.parseOptions,
    validationRules: [...policy.validationRules],
    allowBatchedHttpRequests: false,
    // Automatic persisted queries: a client may send a query's hash alone once it is known. Not
    // beside a safelist: a document registered by APQ would run by hash after leaving the list.
    cache,
    persistedQueries: trustedDocuments && trustedDocuments.mode !== 'log' ? false : { ttl: CACHE_TTL_SECONDS },
    nodeEnv: config.mode,
    // main.ts owns the process's signals: it stops the gateway, then the vendor pools.
    stopOnTerminationSignals: false,
    // The policy's validation rules refuse introspection in production, on every transport.
    introspection: true,
    includeStacktraceInErrorResponses: config.mode === 'development',
    formatError: policy.formatError,
    plugins: [
      operationChecksPlugin(policy),
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
      ...(trustedDocuments?.mode === 'log' ? [trustedDocumentsLogPlugin(trustedDocuments)] : []),
      ...(production ? [] : [upstreamCallsPlugin]),
    ],
  });
  await apollo.start();

  const { metricsEnabled, metricsPort, metricsHost } = config.observability;
  const cold = new Map<string, Handler>([
    ['/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' })],
    ['/readyz', (_req, res) => sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ready' })],
  ]);
  if (metricsEnabled && metricsPort === undefined) cold.set('/metrics', metricsEndpoint(telemetry.metrics));
  const authenticate = authenticateRequests(authenticator);
  // The route reads assets under the schema's own rule for `Asset` (assets:read).
  const assetRequirement = typeRequirementOf(schema, 'Asset');
  const mayReadAssets = (caller: Caller) => decide(assetRequirement, caller) === 'allowed';
  const assetContent = assetContentHandler(upstreams, services.assetLinks, mayReadAssets);
  const graphql = graphqlRoute({
    apollo,
    cors: cors<cors.CorsRequest>({
      origin: origins.corsOrigins,
      allowedHeaders: [
        'authorization',
        'content-type',
        'apollo-require-preflight',
        'x-apollo-operation-name',
        CLIENT_NAME_HEADER,
        CLIENT_VERSION_HEADER,
        ACC_TOKEN_HEADER,
        REQUEST_ID_HEADER,
        'traceparent',
      ],
      exposedHeaders: [REQUEST_ID_HEADER],
      maxAge: 600,
    }),
    authenticate,
    jsonBody: { maxBytes: policy.maxMessageBytes, timeoutMs: config.http.jsonBodyTimeoutMs },
    multipart: multipartUploads(config),
    admit: documentAdmission(policy, trustedDocuments),
    context: httpContext(services),
  });
  const router = createRouter(
    {
      graphql,
      cold,
      assetContent: async (req, res, key) => {
        const caller = await authenticate(req, res);
        if (caller) await assetContent(req, res, key, caller);
      },
    },
    httpMetrics(telemetry.metrics),
  );
  const logRequest = requestLog(telemetry.logger);
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => logRequest(req, res, () => router(req, res)));

  const origin = await listen(httpServer, config.http.port, config.http.host);
  const metricsServer: MetricsServer | undefined =
    metricsEnabled && metricsPort !== undefined ? await startMetricsServer(telemetry.metrics, metricsHost, metricsPort) : undefined;

  return {
    url: `${origin}${GRAPHQL_PATH}`,
    metricsUrl: metricsServer?.url,
    httpServer,
    stop: async () => {
      draining = true;
      await apollo.stop();
      // After the requests: none can start another import. Running ones end FAILED IMPORT_LOST.
      await services.imports.stop();
      await metricsServer?.close();
    },
  };
}
