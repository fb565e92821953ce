import { openGatewayCache } from './cache/gatewayCache';
import type { GatewayCache } from './cache/gatewayCache';
import type { Config } from './config';
import { startGateway } from './http/server';
import type { LoaderOptions } from './loaders';
import type { RunningGateway } from './http/server';
import { ACC_TOKEN_HEADER } from './auth/accToken';
import { createAuthenticator } from './auth/authenticator';
import type { Authenticator, AuthenticatorOptions } from './auth/authenticator';
import { startDemoIssuer } from './auth/demoIssuer';
import type { DemoTokens } from './auth/demoIssuer';
import { DEMO } from './simulators/acc/seed';
import { startAccSimulator } from './simulators/acc/server';
import { ASSETS_DEMO, startAssetsSimulator } from './simulators/assets/server';
import { CONTENT_HUB_DEMO } from './simulators/contentHub/seed';
import { startContentHubSimulator } from './simulators/contentHub/server';
import { MATERIALS_DEMO } from './simulators/materials/seed';
import { startMaterialsSimulator } from './simulators/materials/server';
import type { Logger } from './observability/logger';
import { createTelemetry } from './observability/telemetry';
import { VendorCallTelemetry } from './observability/vendorCalls';
import { createUpstreams } from './upstream';
import { TrustedDocuments } from './access/trustedDocuments/trustedDocuments';
import { VendorDownloads } from './imports/vendorDownloads';

export interface RunningApp {
  gateway: RunningGateway;
  /** Vendor APIs served by embedded simulators because no base URL was configured. */
  simulated: string[];
  /** Headers the demo data needs (preset in Apollo Sandbox too). */
  demoHeaders: Record<string, string>;
  /** Who each request is: verifies access tokens (or, AUTH_DISABLED, checks nobody). */
  authenticator: Authenticator;
  /** Demo mode: tokens of the embedded issuer, `full` also in `demoHeaders`. */
  demoTokens?: DemoTokens;
  /** Where APQ documents and revalidation entries live: memory, or Redis shared by replicas. */
  cacheKind: GatewayCache['kind'];
  /** The PERSISTED_DOCUMENTS manifests' documents, when configured. */
  trustedDocuments?: TrustedDocuments;
  stop(): Promise<void>;
}

/**
 * The gateway with its upstreams. A vendor whose base URL is not configured runs on its
 * embedded simulator with demo data, so `npm start` works with no configuration at all.
 * `logger` replaces the one LOG_LEVEL configures (main.ts shares its own; tests read lines back).
 */
export async function startApp(config: Config, options: { loaderOptions?: LoaderOptions; logger?: Logger } = {}): Promise<RunningApp> {
  const telemetry = createTelemetry(config.observability, options.logger);
  // Read first: a manifest that cannot be read stops the start before anything is running.
  const trustedDocuments = config.trustedDocuments && (await TrustedDocuments.load(config.trustedDocuments, telemetry.logger, telemetry.metrics));
  const closers: Array<() => Promise<void>> = [];
  // Closed last, after the gateway, so the spans of the last requests are sent.
  if (telemetry.tracing) closers.push(telemetry.tracing.shutdown);
  if (trustedDocuments) closers.push(() => trustedDocuments.stop());
  const simulated: string[] = [];
  const demoHeaders: Record<string, string> = {};

  /** The configured vendor endpoint, or a simulator started for it. */
  async function vendor<T>(name: string, configured: T | undefined, simulate: () => Promise<{ url: string; close(): Promise<void> }>, toConfig: (url: string) => T): Promise<T> {
    if (configured !== undefined) return configured;
    const simulator = await simulate();
    closers.push(() => simulator.close());
    simulated.push(name);
    return toConfig(simulator.url);
  }

  let authOptions: AuthenticatorOptions;
  let demoTokens: DemoTokens | undefined;
  if (config.auth.mode === 'demo') {
    const demo = await startDemoIssuer(config.auth.tuning);
    closers.push(() => demo.close());
    authOptions = { mode: 'jwt', jwt: demo.jwt };
    demoTokens = demo.tokens;
    demoHeaders.authorization = `Bearer ${demo.tokens.full}`;
  } else {
    authOptions = config.auth;
  }
  const authenticator = createAuthenticator(authOptions, telemetry.logger);

  const latencyMs = config.simulatorLatencyMs;
  const acc = await vendor('acc', config.upstreamUrls.acc, () => startAccSimulator({ latencyMs }), (url) => {
    demoHeaders[ACC_TOKEN_HEADER] = DEMO.token;
    return url;
  });
  const materials = await vendor('materials', config.upstreamUrls.materials, () => startMaterialsSimulator({ latencyMs }), (baseUrl) => ({
    baseUrl,
    token: MATERIALS_DEMO.token,
  }));
  const assets = await vendor('assets', config.upstreamUrls.assets, () => startAssetsSimulator({ latencyMs }), (baseUrl) => ({
    baseUrl,
    token: ASSETS_DEMO.token,
  }));

  const contentHub = await vendor('contentHub', config.upstreamUrls.contentHub, () => startContentHubSimulator({ latencyMs }), (baseUrl) => ({
    baseUrl,
    token: CONTENT_HUB_DEMO.token,
  }));

  const cache = await openGatewayCache(config.cache, telemetry.logger);
  closers.push(async () => cache.close());
  const upstreams = createUpstreams(
    { ...config.upstream, acc: { baseUrl: acc }, materials, assets, contentHub },
    cache.store,
    (upstream, baseUrl) => new VendorCallTelemetry(upstream, baseUrl, telemetry),
  );
  closers.push(() => upstreams.close());
  // A vendor's file URLs may point at its own API, or at the origins configured beside it.
  const downloads = new VendorDownloads({
    trustedOrigins: [...config.imports.downloadOrigins, acc, materials.baseUrl, assets.baseUrl, contentHub.baseUrl],
    timeoutMs: config.upstream.timeoutMs,
  });
  closers.push(() => downloads.close());
  const gateway = await startGateway({
    config,
    upstreams,
    cache: cache.store,
    telemetry,
    sandboxHeaders: demoHeaders,
    loaderOptions: options.loaderOptions,
    authenticator,
    trustedDocuments,
    downloads,
  });

  return {
    gateway,
    simulated,
    demoHeaders,
    authenticator,
    demoTokens,
    cacheKind: cache.kind,
    trustedDocuments,
    stop: async () => {
      await gateway.stop();
      for (const close of closers.reverse()) await close();
    },
  };
}
