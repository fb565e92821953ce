import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { AssetContentLinks } from '../../src/assets/contentLinks';
import { AccToken } from '../../src/auth/accToken';
import type { Caller } from '../../src/auth/caller';
import { loadConfig } from '../../src/config';
import { DownloadOrderWatcher } from '../../src/downloadOrders/orderWatcher';
import type { GraphQLContext } from '../../src/graphql/context';
import { AssetImports } from '../../src/imports/jobs/assetImports';
import { VendorDownloads } from '../../src/imports/vendorDownloads';
import { createLoaders } from '../../src/loaders';
import { createLogger } from '../../src/observability/logger';
import { GatewayMetrics } from '../../src/observability/metrics';
import { DEMO } from '../../src/simulators/acc/seed';
import { startAccSimulator } from '../../src/simulators/acc/server';
import type { AccSimulator } from '../../src/simulators/acc/server';
import { ASSETS_DEMO, startAssetsSimulator } from '../../src/simulators/assets/server';
import type { AssetsSimulator } from '../../src/simulators/assets/server';
import { CONTENT_HUB_DEMO } from '../../src/simulators/contentHub/seed';
import { startContentHubSimulator } from '../../src/simulators/contentHub/server';
import type { ContentHubSimulator } from '../../src/simulators/contentHub/server';
import { MATERIALS_DEMO } from '../../src/simulators/materials/seed';
import { startMaterialsSimulator } from '../../src/simulators/materials/server';
import type { MaterialsSimulator } from '../../src/simulators/materials/server';
import { createUpstreams } from '../../src/upstream';
import { UNOBSERVED } from '../../src/upstream/http/callObserver';
import { UpstreamCallLog } from '../../src/upstream/http/callLog';

export interface Vendors {
  acc: AccSimulator;
  materials: MaterialsSimulator;
  assets: AssetsSimulator;
  contentHub: ContentHubSimulator;
  /** How often the download order watcher polls Content Hub, in ms. */
  pollMs: number;
  /** A fresh request's GraphQLContext for this caller, with the demo ACC token, as the transports build one. */
  context(caller: Caller): GraphQLContext;
  close(): Promise<void>;
}

/**
 * The real vendor clients over the real simulators on loopback, without the HTTP transports: for
 * executing a schema with graphql-js directly, as any caller (the transports decide who calls).
 */
export async function startVendors(): Promise<Vendors> {
  const [acc, materials, assets, contentHub] = await Promise.all([
    startAccSimulator(),
    startMaterialsSimulator(),
    startAssetsSimulator(),
    startContentHubSimulator(),
  ]);
  const config = loadConfig({ NODE_ENV: 'test', DOWNLOAD_ORDER_POLL_MS: '50' });
  const upstreams = createUpstreams(
    {
      ...config.upstream,
      acc: { baseUrl: acc.url },
      materials: { baseUrl: materials.url, token: MATERIALS_DEMO.token },
      assets: { baseUrl: assets.url, token: ASSETS_DEMO.token },
      contentHub: { baseUrl: contentHub.url, token: CONTENT_HUB_DEMO.token },
    },
    new InMemoryLRUCache<string>(),
    () => UNOBSERVED,
  );
  const log = createLogger('silent');
  const assetLinks = new AssetContentLinks(config.assetContent.secret, config.assetContent.ttlSeconds);
  const downloadOrderWatcher = new DownloadOrderWatcher(upstreams.contentHub, config.downloadOrderPollMs, config.downloadOrderWatchMaxOrders);
  const imports = new AssetImports({
    upstreams,
    cache: new InMemoryLRUCache<string>(),
    limits: config.imports,
    maxFileBytes: config.uploads.maxFileBytes,
    logger: log,
    metrics: new GatewayMetrics({ processMetrics: false }),
  });
  const downloads = new VendorDownloads({ trustedOrigins: [acc.url, materials.url, assets.url, contentHub.url], timeoutMs: config.upstream.timeoutMs });
  return {
    acc,
    materials,
    assets,
    contentHub,
    pollMs: config.downloadOrderPollMs,
    context: (caller) => {
      const scope = { calls: new UpstreamCallLog(), log };
      const accToken = AccToken.fromHeader(DEMO.token);
      return {
        upstreams,
        downloads,
        imports,
        scope,
        caller,
        accToken,
        loaders: createLoaders(upstreams, scope, accToken, () => undefined),
        assetLinks,
        downloadOrderWatcher,
        publicBaseUrl: 'http://127.0.0.1',
        requestId: 'test',
        log,
      };
    },
    close: async () => {
      await imports.stop();
      await Promise.all([upstreams.close(), downloads.close()]);
      await Promise.all([acc.close(), materials.close(), assets.close(), contentHub.close()]);
    },
  };
}
