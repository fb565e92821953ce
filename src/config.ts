import { z } from 'zod';
import type { TrustedDocumentsConfig } from './access/trustedDocuments/trustedDocuments';
import type { ResilienceOptions } from './upstream/http/resilience';
import type { OperationBudget } from './upstream/http/upstreamHttp';

/**
 * All configuration, read from the environment in this one place and validated at startup.
 * `.env.example` lists every variable; README has the table.
 */
/** Apollo Sandbox runs in the browser from this origin; development lets it through CORS. */
export const APOLLO_SANDBOX_ORIGIN = 'https://studio.apollographql.com';

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const optionalUrl = (protocol: RegExp) =>
  z
    .url({ protocol })
    .optional()
    .or(z.literal('').transform(() => undefined));
const optionalHttpUrl = optionalUrl(/^https?$/);
/** Unset and empty (or blank) are the same: `AUTH_ISSUER=` in a .env file sets nothing. */
const optionalText = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  CORS_ORIGINS: z.string().optional(),
  ALLOWED_HOSTS: z.string().optional(),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt.default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt.default(300_000),
  HTTP_JSON_BODY_TIMEOUT_MS: positiveInt.default(10_000),
  HTTP_MAX_CONNECTIONS: positiveInt.default(1_000),
  ACC_BASE_URL: optionalHttpUrl,
  MATERIALS_BASE_URL: optionalHttpUrl,
  MATERIALS_TOKEN: z.string().optional(),
  ASSETS_BASE_URL: optionalHttpUrl,
  ASSETS_TOKEN: z.string().optional(),
  CONTENT_HUB_BASE_URL: optionalHttpUrl,
  CONTENT_HUB_TOKEN: z.string().optional(),
  CONTENT_HUB_CLIENT_ID: optionalText,
  DOWNLOAD_ORDER_POLL_MS: positiveInt.default(2_000),
  DOWNLOAD_ORDER_WATCH_MAX_ORDERS: positiveInt.default(100),
  WS_CONNECTION_INIT_TIMEOUT_MS: positiveInt.default(3_000),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt.default(10),
  PUBLIC_URL: optionalHttpUrl,
  ASSET_URL_SECRET: z.string().min(32).optional(),
  ASSET_URL_TTL_SECONDS: positiveInt.default(900),
  UPLOAD_MAX_FILE_BYTES: positiveInt.default(2 * 1024 ** 3),
  UPLOAD_MAX_FILES: positiveInt.default(10),
  UPSTREAM_TIMEOUT_MS: positiveInt.default(10_000),
  UPSTREAM_CONNECTIONS: positiveInt.default(32),
  UPSTREAM_RETRIES: z.coerce.number().int().min(0).max(3).default(1),
  UPSTREAM_BREAKER_FAILURES: positiveInt.default(5),
  UPSTREAM_BREAKER_HALF_OPEN_MS: positiveInt.default(10_000),
  UPSTREAM_MAX_CALLS_PER_OPERATION: positiveInt.default(200),
  UPSTREAM_MAX_RESPONSE_BYTES_PER_OPERATION: positiveInt.default(32 * 1024 * 1024),
  REDIS_URL: optionalUrl(/^rediss?$/),
  REDIS_KEY_PREFIX: z.string().default('mediagraph:'),
  REDIS_TIMEOUT_MS: positiveInt.default(250),
  SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  JSON_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  GRAPHQL_MAX_DEPTH: positiveInt.default(10),
  GRAPHQL_MAX_ALIASES: positiveInt.default(15),
  GRAPHQL_MAX_TOKENS: positiveInt.default(5_000),
  GRAPHQL_MAX_COST: positiveInt.default(5_000),
  GRAPHQL_FEDERATION: z.stringbool().default(false),
  GRAPHQL_EXECUTOR: z.enum(['jit', 'graphql-js']).default('jit'),
  GRAPHQL_JIT_CACHE_SIZE: z.coerce.number().int().min(0).default(1_000),
  IMPORT_DOWNLOAD_ORIGINS: z.string().optional(),
  IMPORT_MAX_RUNNING: positiveInt.default(8),
  IMPORT_MAX_RUNNING_PER_CALLER: positiveInt.default(2),
  IMPORT_MAX_QUEUED_PER_CALLER: positiveInt.default(100),
  PERSISTED_DOCUMENTS: optionalText,
  PERSISTED_DOCUMENTS_MODE: z.preprocess((value) => value || undefined, z.enum(['off', 'log', 'safelist', 'require']).optional()),
  PERSISTED_DOCUMENTS_REFRESH_SECONDS: z.coerce.number().int().min(0).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  METRICS_ENABLED: z.stringbool().default(true),
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalHttpUrl,
  OTEL_SERVICE_NAME: z.string().min(1).default('mediagraph'),
  AUTH_JWKS_URL: optionalHttpUrl,
  AUTH_ISSUER: optionalText,
  AUTH_AUDIENCE: optionalText,
  AUTH_ALGORITHMS: optionalText,
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  AUTH_JWKS_COOLDOWN_MS: positiveInt.default(30_000),
  AUTH_JWKS_MAX_AGE_MS: positiveInt.default(600_000),
  AUTH_DISABLED: z.stringbool().default(false),
});

/**
 * The JWS algorithms an access token may be signed with: every asymmetric one. `none` and the
 * HMAC family (HS256…) are never accepted: an HMAC key made from the issuer's public key is
 * the classic algorithm-confusion forgery.
 */
export const ASYMMETRIC_JWS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export type JwsAlgorithm = (typeof ASYMMETRIC_JWS_ALGORITHMS)[number];

/** A vendor called with the gateway's own token. */
export interface VendorEndpoint {
  baseUrl: string;
  token: string;
}

/** Content Hub takes "an access token and the client ID", both with every request. */
export interface ContentHubEndpoint extends VendorEndpoint {
  clientId?: string;
}

export interface UpstreamConfig {
  acc: { baseUrl: string };
  materials: VendorEndpoint;
  assets: VendorEndpoint;
  contentHub: ContentHubEndpoint;
  timeoutMs: number;
  connectionsPerOrigin: number;
  resilience: ResilienceOptions;
  /** Vendor calls and buffered vendor JSON one incoming request may use, over all vendors. */
  operationBudget: OperationBudget;
}

export interface CacheConfig {
  /** Unset: an in-memory cache per process. Set: one Redis shared by every replica. */
  redisUrl?: string;
  /** Put before every Redis key, so several deployments can share one Redis. */
  keyPrefix: string;
  /** Deadline for connecting to Redis and for each Redis command. */
  timeoutMs: number;
}

/** How access tokens are checked, whoever issues them. */
export interface JwtTuning {
  /** The `alg` values a token may carry (AUTH_ALGORITHMS), all asymmetric. */
  algorithms: JwsAlgorithm[];
  /** Leeway for `exp` and `nbf` against clocks that disagree a little. */
  clockSkewSeconds: number;
  /** Least time between two JWKS fetches (for an unknown `kid`, or while the issuer is down). */
  jwksCooldownMs: number;
  /** Keys older than this are fetched again (the last good ones stay in use if that fails). */
  jwksMaxAgeMs: number;
}

/** An OAuth 2 / OIDC issuer whose access tokens the gateway accepts. */
export interface JwtOptions extends JwtTuning {
  /** Where the issuer publishes its public keys (JWKS). */
  jwksUrl: string;
  /** The token's `iss` must equal this. */
  issuer: string;
  /** The token's `aud` must name one of these (the gateway's identifier at the issuer). */
  audience: string[];
}

/**
 * Who the gateway trusts to say who a caller is:
 * - `jwt`: access tokens from the configured issuer (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE);
 * - `demo`: no AUTH_* outside production: an embedded demo issuer on loopback (src/app.ts);
 * - `disabled`: AUTH_DISABLED=true: no caller is checked, every request is served as the
 *   gateway (for a private network behind a router that authenticates).
 */
export type AuthConfig = { mode: 'jwt'; jwt: JwtOptions } | { mode: 'demo'; tuning: JwtTuning } | { mode: 'disabled' };

export interface Config {
  mode: 'development' | 'production' | 'test';
  auth: AuthConfig;
  http: {
    host: string;
    port: number;
    corsOrigins: string[];
    /** Host names whose Host header may name the gateway in the links it mints (PUBLIC_URL unset). */
    allowedHosts: string[];
    /** Slow clients: time to send the headers, and the whole request (an upload's body too). */
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    /** Time a client has to send a JSON (not multipart) request body. */
    jsonBodyTimeoutMs: number;
    /** Open client connections (WebSockets included) past which new ones are closed at once. */
    maxConnections: number;
  };
  /** Vendor base URLs given in the environment; a missing one runs on its simulator. */
  upstreamUrls: { acc?: string; materials?: VendorEndpoint; assets?: VendorEndpoint; contentHub?: ContentHubEndpoint };
  upstream: Omit<UpstreamConfig, 'acc' | 'materials' | 'assets' | 'contentHub'>;
  /** The gateway's own public origin, for URLs it hands out; unset: see src/access/linkOrigin.ts. */
  publicUrl?: string;
  assetContent: {
    /** Signs asset content URLs. Unset: a random secret per process (fine for one replica). */
    secret?: string;
    ttlSeconds: number;
  };
  uploads: { maxFileBytes: number; maxFiles: number };
  /** Asset imports: origins the vendors' file URLs may point at, beyond the vendor APIs' own, and the caps on jobs. */
  imports: { downloadOrigins: string[] } & ImportLimits;
  /** Where APQ documents and vendor revalidation entries live: this process, or a shared Redis. */
  cache: CacheConfig;
  /** How often a watched download order is polled (once per order, whoever watches). */
  downloadOrderPollMs: number;
  /** Most download orders the process polls at once (each one poll per interval). */
  downloadOrderWatchMaxOrders: number;
  /** graphql-ws connections: time to send `connection_init`, subscriptions held at once. */
  webSocket: { connectionInitTimeoutMs: number; maxSubscriptionsPerConnection: number };
  simulatorLatencyMs: number;
  shutdownGraceMs: number;
  /** Serve the schema as an Apollo Federation 2 subgraph (docs/federation.md). */
  federation: boolean;
  /**
   * What runs an operation over HTTP: graphql-jit with this many compiled documents kept
   * (src/graphql/execution/jitExecutor.ts), or graphql-js's own `execute`.
   */
  executor: { kind: 'jit'; cacheSize: number } | { kind: 'graphql-js' };
  /** The operations the frontends ship, and how strictly to hold requests to them; unset: off. */
  trustedDocuments?: TrustedDocumentsConfig;
  /** What one request may ask (DESIGN.md section 5). */
  limits: { jsonBodyBytes: number; depth: number; aliases: number; tokens: number; cost: number };
  observability: ObservabilityConfig;
}

/** How many asset imports transfer at once, and how many may wait (src/imports/jobs/importQueue.ts). */
export interface ImportLimits {
  /** Transfers this process runs at once, whoever started them. */
  maxRunning: number;
  /** Transfers one caller has running at once. */
  maxRunningPerCaller: number;
  /** Imports one caller has waiting for a slot; past it, more are refused (IMPORT_LIMIT_EXCEEDED). */
  maxQueuedPerCaller: number;
}

export interface ObservabilityConfig {
  logLevel: LogLevel;
  /** Serve GET /metrics (with process metrics); the gateway's own series are kept either way. */
  metricsEnabled: boolean;
  /** Set: /metrics is served on this port of its own (on `metricsHost`), not on the public one. */
  metricsPort?: number;
  metricsHost: string;
  /** Set when OTEL_EXPORTER_OTLP_ENDPOINT is: traces go there over OTLP/HTTP. */
  tracing?: { endpoint: string; serviceName: string };
}

export type LogLevel = z.infer<typeof envSchema>['LOG_LEVEL'];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const vars = parsed.data;
  // node:http refuses a headers timeout longer than the request timeout.
  if (vars.HTTP_HEADERS_TIMEOUT_MS > vars.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError('Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS');
  }
  for (const vendor of ['MATERIALS', 'ASSETS', 'CONTENT_HUB'] as const) {
    if (vars[`${vendor}_BASE_URL`] && !vars[`${vendor}_TOKEN`]) {
      throw new ConfigError(`Invalid configuration:\n  ${vendor}_TOKEN: required when ${vendor}_BASE_URL is set`);
    }
  }
  return {
    mode: vars.NODE_ENV,
    auth: authConfig(vars),
    http: {
      host: vars.HOST,
      port: vars.PORT,
      corsOrigins: list(vars.CORS_ORIGINS ?? (vars.NODE_ENV === 'production' ? '' : APOLLO_SANDBOX_ORIGIN)),
      allowedHosts: list(vars.ALLOWED_HOSTS ?? '').map((host) => host.toLowerCase()),
      headersTimeoutMs: vars.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: vars.HTTP_REQUEST_TIMEOUT_MS,
      jsonBodyTimeoutMs: vars.HTTP_JSON_BODY_TIMEOUT_MS,
      maxConnections: vars.HTTP_MAX_CONNECTIONS,
    },
    upstreamUrls: {
      acc: vars.ACC_BASE_URL,
      materials: vars.MATERIALS_BASE_URL ? { baseUrl: vars.MATERIALS_BASE_URL, token: vars.MATERIALS_TOKEN! } : undefined,
      assets: vars.ASSETS_BASE_URL ? { baseUrl: vars.ASSETS_BASE_URL, token: vars.ASSETS_TOKEN! } : undefined,
      contentHub: vars.CONTENT_HUB_BASE_URL
        ? { baseUrl: vars.CONTENT_HUB_BASE_URL, token: vars.CONTENT_HUB_TOKEN!, clientId: vars.CONTENT_HUB_CLIENT_ID }
        : undefined,
    },
    publicUrl: vars.PUBLIC_URL?.replace(/\/+$/, ''),
    assetContent: { secret: vars.ASSET_URL_SECRET, ttlSeconds: vars.ASSET_URL_TTL_SECONDS },
    uploads: { maxFileBytes: vars.UPLOAD_MAX_FILE_BYTES, maxFiles: vars.UPLOAD_MAX_FILES },
    imports: {
      downloadOrigins: origins('IMPORT_DOWNLOAD_ORIGINS', vars.IMPORT_DOWNLOAD_ORIGINS),
      maxRunning: vars.IMPORT_MAX_RUNNING,
      maxRunningPerCaller: vars.IMPORT_MAX_RUNNING_PER_CALLER,
      maxQueuedPerCaller: vars.IMPORT_MAX_QUEUED_PER_CALLER,
    },
    cache: { redisUrl: vars.REDIS_URL, keyPrefix: vars.REDIS_KEY_PREFIX, timeoutMs: vars.REDIS_TIMEOUT_MS },
    downloadOrderPollMs: vars.DOWNLOAD_ORDER_POLL_MS,
    downloadOrderWatchMaxOrders: vars.DOWNLOAD_ORDER_WATCH_MAX_ORDERS,
    webSocket: {
      connectionInitTimeoutMs: vars.WS_CONNECTION_INIT_TIMEOUT_MS,
      maxSubscriptionsPerConnection: vars.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    },
    upstream: {
      timeoutMs: vars.UPSTREAM_TIMEOUT_MS,
      connectionsPerOrigin: vars.UPSTREAM_CONNECTIONS,
      resilience: {
        retries: vars.UPSTREAM_RETRIES,
        retryDelayMs: 50,
        breakerFailures: vars.UPSTREAM_BREAKER_FAILURES,
        breakerHalfOpenMs: vars.UPSTREAM_BREAKER_HALF_OPEN_MS,
      },
      operationBudget: { calls: vars.UPSTREAM_MAX_CALLS_PER_OPERATION, responseBytes: vars.UPSTREAM_MAX_RESPONSE_BYTES_PER_OPERATION },
    },
    simulatorLatencyMs: vars.SIMULATOR_LATENCY_MS,
    shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
    federation: vars.GRAPHQL_FEDERATION,
    // A cache of no documents would compile every request again: slower than not compiling.
    executor:
      vars.GRAPHQL_EXECUTOR === 'jit' && vars.GRAPHQL_JIT_CACHE_SIZE > 0
        ? { kind: 'jit', cacheSize: vars.GRAPHQL_JIT_CACHE_SIZE }
        : { kind: 'graphql-js' },
    trustedDocuments: trustedDocumentsConfig(vars),
    limits: {
      jsonBodyBytes: vars.JSON_BODY_LIMIT_BYTES,
      depth: vars.GRAPHQL_MAX_DEPTH,
      aliases: vars.GRAPHQL_MAX_ALIASES,
      tokens: vars.GRAPHQL_MAX_TOKENS,
      cost: vars.GRAPHQL_MAX_COST,
    },
    observability: {
      logLevel: vars.LOG_LEVEL,
      metricsEnabled: vars.METRICS_ENABLED,
      metricsPort: vars.METRICS_PORT,
      metricsHost: vars.METRICS_HOST ?? vars.HOST,
      tracing: vars.OTEL_EXPORTER_OTLP_ENDPOINT
        ? { endpoint: vars.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: vars.OTEL_SERVICE_NAME }
        : undefined,
    },
  };
}

/** A list of http(s) origins (scheme, host, port; no path). */
function origins(name: string, value: string | undefined): string[] {
  return list(value ?? '').map((entry) => {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, '')) {
      throw new ConfigError(`Invalid configuration:\n  ${name}: ${entry} is not an origin such as https://files.example.com`);
    }
    return url.origin;
  });
}

/** A mode without manifests would refuse everything: a mistake, not a setting. */
function trustedDocumentsConfig(vars: z.infer<typeof envSchema>): TrustedDocumentsConfig | undefined {
  const sources = list(vars.PERSISTED_DOCUMENTS ?? '');
  const mode = vars.PERSISTED_DOCUMENTS_MODE ?? (sources.length > 0 ? 'log' : 'off');
  if (mode === 'off') return undefined;
  if (sources.length === 0) {
    throw new ConfigError(`Invalid configuration:\n  PERSISTED_DOCUMENTS: required when PERSISTED_DOCUMENTS_MODE is ${mode} (the manifest files or URLs to trust)`);
  }
  // A router sends a subgraph its query plans' fetches, which no frontend's manifest lists.
  if (vars.GRAPHQL_FEDERATION && mode !== 'log') {
    throw new ConfigError(
      `Invalid configuration:\n  PERSISTED_DOCUMENTS_MODE: ${mode} with GRAPHQL_FEDERATION=true would refuse every query plan; the router in front of a subgraph holds the safelist (use log or off here)`,
    );
  }
  return { mode, sources, refreshSeconds: vars.PERSISTED_DOCUMENTS_REFRESH_SECONDS };
}

const AUTH_ISSUER_VARIABLES = ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] as const;

function authConfig(vars: z.infer<typeof envSchema>): AuthConfig {
  const given = AUTH_ISSUER_VARIABLES.filter((name) => vars[name] !== undefined);
  if (vars.AUTH_DISABLED && given.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  AUTH_DISABLED: true contradicts ${given.join(', ')}: either check tokens or do not`);
  }
  if (vars.AUTH_DISABLED) return { mode: 'disabled' };
  const tuning: JwtTuning = {
    algorithms: jwsAlgorithms(vars.AUTH_ALGORITHMS),
    clockSkewSeconds: vars.AUTH_CLOCK_SKEW_SECONDS,
    jwksCooldownMs: vars.AUTH_JWKS_COOLDOWN_MS,
    jwksMaxAgeMs: vars.AUTH_JWKS_MAX_AGE_MS,
  };
  if (given.length === 0) {
    if (vars.NODE_ENV === 'production') {
      throw new ConfigError(
        'Invalid configuration:\n  AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE: production needs the issuer of your callers\' access tokens; ' +
          'set all three, or AUTH_DISABLED=true if a router in front of the gateway authenticates every caller',
      );
    }
    return { mode: 'demo', tuning };
  }
  const missing = AUTH_ISSUER_VARIABLES.filter((name) => vars[name] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${missing.join(', ')}: required with ${given.join(', ')} (the three go together)`);
  }
  const audience = list(vars.AUTH_AUDIENCE!);
  if (audience.length === 0) throw new ConfigError('Invalid configuration:\n  AUTH_AUDIENCE: names no audience');
  // Keys fetched over plain HTTP can be swapped on the way, and then any token verifies.
  if (vars.NODE_ENV === 'production' && !jwksUrlIsTrusted(vars.AUTH_JWKS_URL!)) {
    throw new ConfigError('Invalid configuration:\n  AUTH_JWKS_URL: production fetches the issuer\'s keys over https only (http only on loopback)');
  }
  return { mode: 'jwt', jwt: { jwksUrl: vars.AUTH_JWKS_URL!, issuer: vars.AUTH_ISSUER!, audience, ...tuning } };
}

function jwksUrlIsTrusted(jwksUrl: string): boolean {
  const { protocol, hostname } = new URL(jwksUrl);
  return protocol === 'https:' || ['127.0.0.1', '[::1]', 'localhost'].includes(hostname);
}

/** AUTH_ALGORITHMS, checked: only asymmetric algorithms; unset: all of them. */
function jwsAlgorithms(value: string | undefined): JwsAlgorithm[] {
  if (value === undefined) return [...ASYMMETRIC_JWS_ALGORITHMS];
  const algorithms = list(value);
  if (algorithms.length === 0) throw new ConfigError('Invalid configuration:\n  AUTH_ALGORITHMS: names no algorithm');
  for (const algorithm of algorithms) {
    if ((ASYMMETRIC_JWS_ALGORITHMS as readonly string[]).includes(algorithm)) continue;
    const why = /^none$/i.test(algorithm)
      ? 'unsigned tokens are never accepted'
      : /^HS\d+$/i.test(algorithm)
        ? 'HMAC algorithms are refused (a public key used as an HMAC secret forges tokens)'
        : `not one of ${ASYMMETRIC_JWS_ALGORITHMS.join(', ')}`;
    throw new ConfigError(`Invalid configuration:\n  AUTH_ALGORITHMS: ${algorithm}: ${why}`);
  }
  return algorithms as JwsAlgorithm[];
}

/** A comma-separated list, trimmed, without empty entries. */
function list(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
