import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('runs with no configuration at all: development, loopback, simulators', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'development',
      http: {
        host: '127.0.0.1',
        port: 4000,
        corsOrigins: ['https://studio.apollographql.com'],
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 300_000,
        jsonBodyTimeoutMs: 10_000,
        maxConnections: 1_000,
      },
      upstreamUrls: { acc: undefined, materials: undefined, assets: undefined },
      uploads: { maxFileBytes: 2 * 1024 ** 3, maxFiles: 10 },
      imports: { downloadOrigins: [], maxRunning: 8, maxRunningPerCaller: 2, maxQueuedPerCaller: 100 },
      federation: false,
      executor: { kind: 'jit', cacheSize: 1_000 },
      cache: { redisUrl: undefined, keyPrefix: 'mediagraph:', timeoutMs: 250 },
      upstream: {
        timeoutMs: 10_000,
        connectionsPerOrigin: 32,
        resilience: { retries: 1, retryDelayMs: 50, breakerFailures: 5, breakerHalfOpenMs: 10_000 },
        operationBudget: { calls: 200, responseBytes: 32 * 1024 * 1024 },
      },
      observability: { logLevel: 'info', metricsEnabled: true, metricsPort: undefined, metricsHost: '127.0.0.1', tracing: undefined },
    });
  });

  it('runs operations on graphql-js when GRAPHQL_EXECUTOR says so or the jit cache holds nothing', () => {
    expect(loadConfig({ GRAPHQL_EXECUTOR: 'graphql-js' }).executor).toEqual({ kind: 'graphql-js' });
    expect(loadConfig({ GRAPHQL_JIT_CACHE_SIZE: '0' }).executor).toEqual({ kind: 'graphql-js' });
    expect(() => loadConfig({ GRAPHQL_EXECUTOR: 'fast' })).toThrow(/GRAPHQL_EXECUTOR/);
  });

  it('allows no CORS origin by default in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', AUTH_DISABLED: 'true' }).http.corsOrigins).toEqual([]);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8080',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      ALLOWED_HOSTS: 'media.example.com, Media.Internal',
      HTTP_HEADERS_TIMEOUT_MS: '5000',
      HTTP_REQUEST_TIMEOUT_MS: '60000',
      HTTP_JSON_BODY_TIMEOUT_MS: '3000',
      HTTP_MAX_CONNECTIONS: '200',
      ACC_BASE_URL: 'https://developer.api.autodesk.com',
      MATERIALS_BASE_URL: 'https://api.media-vendor.example/v2',
      MATERIALS_TOKEN: 'service-token',
      ASSETS_BASE_URL: 'https://assets.partner.example',
      ASSETS_TOKEN: 'assets-token',
      PUBLIC_URL: 'https://media.example.com/',
      ASSET_URL_SECRET: 'x'.repeat(32),
      ASSET_URL_TTL_SECONDS: '60',
      UPLOAD_MAX_FILE_BYTES: '1048576',
      UPLOAD_MAX_FILES: '3',
      CONTENT_HUB_BASE_URL: 'https://hub.example.com',
      CONTENT_HUB_TOKEN: 'hub-token',
      CONTENT_HUB_CLIENT_ID: 'media-gateway',
      DOWNLOAD_ORDER_POLL_MS: '500',
      DOWNLOAD_ORDER_WATCH_MAX_ORDERS: '40',
      WS_CONNECTION_INIT_TIMEOUT_MS: '1500',
      WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '5',
      JSON_BODY_LIMIT_BYTES: '2048',
      GRAPHQL_MAX_DEPTH: '7',
      GRAPHQL_MAX_ALIASES: '5',
      GRAPHQL_MAX_TOKENS: '900',
      GRAPHQL_MAX_COST: '4000',
      UPSTREAM_TIMEOUT_MS: '2500',
      UPSTREAM_CONNECTIONS: '8',
      UPSTREAM_RETRIES: '0',
      UPSTREAM_BREAKER_FAILURES: '2',
      UPSTREAM_BREAKER_HALF_OPEN_MS: '1000',
      UPSTREAM_MAX_CALLS_PER_OPERATION: '50',
      UPSTREAM_MAX_RESPONSE_BYTES_PER_OPERATION: '4096',
      REDIS_URL: 'rediss://:secret@cache.example.com:6380/2',
      REDIS_KEY_PREFIX: 'media-prod:',
      REDIS_TIMEOUT_MS: '100',
      SIMULATOR_LATENCY_MS: '20',
      SHUTDOWN_GRACE_MS: '3000',
      GRAPHQL_FEDERATION: 'true',
      GRAPHQL_JIT_CACHE_SIZE: '50',
      IMPORT_DOWNLOAD_ORIGINS: 'https://files.example.com, https://s3.amazonaws.com/',
      IMPORT_MAX_RUNNING: '16',
      IMPORT_MAX_RUNNING_PER_CALLER: '4',
      IMPORT_MAX_QUEUED_PER_CALLER: '20',
      PERSISTED_DOCUMENTS: '/app/manifests/web.json,https://cdn.example.com/manifests/app.json',
      PERSISTED_DOCUMENTS_MODE: 'log',
      PERSISTED_DOCUMENTS_REFRESH_SECONDS: '30',
      LOG_LEVEL: 'warn',
      METRICS_ENABLED: 'false',
      METRICS_PORT: '9464',
      METRICS_HOST: '10.0.0.5',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.example:4318',
      OTEL_SERVICE_NAME: 'media-api',
      AUTH_JWKS_URL: 'https://login.example.com/.well-known/jwks.json',
      AUTH_ISSUER: 'https://login.example.com/',
      AUTH_AUDIENCE: 'https://media.example.com, mediagraph',
      AUTH_ALGORITHMS: 'RS256, ES256',
      AUTH_CLOCK_SKEW_SECONDS: '5',
      AUTH_JWKS_COOLDOWN_MS: '10000',
      AUTH_JWKS_MAX_AGE_MS: '300000',
      AUTH_DISABLED: 'false',
    });
    expect(config).toEqual({
      mode: 'production',
      auth: {
        mode: 'jwt',
        jwt: {
          jwksUrl: 'https://login.example.com/.well-known/jwks.json',
          issuer: 'https://login.example.com/',
          audience: ['https://media.example.com', 'mediagraph'],
          algorithms: ['RS256', 'ES256'],
          clockSkewSeconds: 5,
          jwksCooldownMs: 10000,
          jwksMaxAgeMs: 300000,
        },
      },
      http: {
        host: '0.0.0.0',
        port: 8080,
        corsOrigins: ['https://a.example', 'https://b.example'],
        allowedHosts: ['media.example.com', 'media.internal'],
        headersTimeoutMs: 5000,
        requestTimeoutMs: 60000,
        jsonBodyTimeoutMs: 3000,
        maxConnections: 200,
      },
      upstreamUrls: {
        acc: 'https://developer.api.autodesk.com',
        materials: { baseUrl: 'https://api.media-vendor.example/v2', token: 'service-token' },
        assets: { baseUrl: 'https://assets.partner.example', token: 'assets-token' },
        contentHub: { baseUrl: 'https://hub.example.com', token: 'hub-token', clientId: 'media-gateway' },
      },
      downloadOrderPollMs: 500,
      downloadOrderWatchMaxOrders: 40,
      webSocket: { connectionInitTimeoutMs: 1500, maxSubscriptionsPerConnection: 5 },
      cache: { redisUrl: 'rediss://:secret@cache.example.com:6380/2', keyPrefix: 'media-prod:', timeoutMs: 100 },
      limits: { jsonBodyBytes: 2048, depth: 7, aliases: 5, tokens: 900, cost: 4000 },
      publicUrl: 'https://media.example.com',
      assetContent: { secret: 'x'.repeat(32), ttlSeconds: 60 },
      uploads: { maxFileBytes: 1048576, maxFiles: 3 },
      imports: { downloadOrigins: ['https://files.example.com', 'https://s3.amazonaws.com'], maxRunning: 16, maxRunningPerCaller: 4, maxQueuedPerCaller: 20 },
      trustedDocuments: { mode: 'log', sources: ['/app/manifests/web.json', 'https://cdn.example.com/manifests/app.json'], refreshSeconds: 30 },
      upstream: {
        timeoutMs: 2500,
        connectionsPerOrigin: 8,
        resilience: { retries: 0, retryDelayMs: 50, breakerFailures: 2, breakerHalfOpenMs: 1000 },
        operationBudget: { calls: 50, responseBytes: 4096 },
      },
      simulatorLatencyMs: 20,
      shutdownGraceMs: 3000,
      federation: true,
      executor: { kind: 'jit', cacheSize: 50 },
      observability: {
        logLevel: 'warn',
        metricsEnabled: false,
        metricsPort: 9464,
        metricsHost: '10.0.0.5',
        tracing: { endpoint: 'http://collector.example:4318', serviceName: 'media-api' },
      },
    });
  });

  it('refuses an IMPORT_DOWNLOAD_ORIGINS entry that is not an origin', () => {
    for (const entry of ['https://files.example.com/path', 'ftp://files.example.com', 'files.example.com']) {
      expect(() => loadConfig({ IMPORT_DOWNLOAD_ORIGINS: entry })).toThrow(/IMPORT_DOWNLOAD_ORIGINS: .* is not an origin/);
    }
  });

  it('refuses a headers timeout longer than the request timeout, which node:http would refuse', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });

  it.each(['MATERIALS', 'ASSETS', 'CONTENT_HUB'])('needs the %s token with a real %s URL', (vendor) => {
    expect(() => loadConfig({ [`${vendor}_BASE_URL`]: 'https://api.vendor.example' })).toThrow(new RegExp(`${vendor}_TOKEN`));
  });

  it('names every invalid variable in one error', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        ACC_BASE_URL: 'ftp://x',
        REDIS_URL: 'http://cache:6379',
        UPSTREAM_TIMEOUT_MS: '-1',
        GRAPHQL_FEDERATION: 'maybe',
        LOG_LEVEL: 'loud',
        METRICS_ENABLED: 'maybe',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT[\s\S]*ACC_BASE_URL[\s\S]*UPSTREAM_TIMEOUT_MS[\s\S]*REDIS_URL[\s\S]*GRAPHQL_FEDERATION[\s\S]*LOG_LEVEL[\s\S]*METRICS_ENABLED/);
  });
});
