import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { UpstreamConfig } from '../config';
import type { UpstreamName } from '../errors';
import type { UpstreamObserver } from './http/callObserver';
import { AccPhotosClient } from './acc/client';
import { UpstreamHttp } from './http/upstreamHttp';
import { AssetsClient } from './assets/client';
import { ContentHubClient } from './contentHub/client';
import { MaterialsClient } from './materials/client';

/** One client per vendor API, each on its own connection pool; shared by all requests. */
export interface Upstreams {
  acc: AccPhotosClient;
  materials: MaterialsClient;
  assets: AssetsClient;
  contentHub: ContentHubClient;
  close(): Promise<void>;
}

export function createUpstreams(
  config: UpstreamConfig,
  cache: KeyValueCache<string>,
  observe: (upstream: UpstreamName, baseUrl: string) => UpstreamObserver,
): Upstreams {
  const pools: UpstreamHttp[] = [];
  const pool = (upstream: UpstreamName, baseUrl: string, connections: number | null = config.connectionsPerOrigin) => {
    const http = new UpstreamHttp({
      upstream,
      baseUrl,
      timeoutMs: config.timeoutMs,
      connections,
      resilience: config.resilience,
      operationBudget: config.operationBudget,
      observer: observe(upstream, baseUrl),
    });
    pools.push(http);
    return http;
  };
  return {
    acc: new AccPhotosClient(pool('acc', config.acc.baseUrl)),
    materials: new MaterialsClient(pool('materials', config.materials.baseUrl), config.materials.token),
    // No cap: a multipart request's uploads stay open until its whole body has arrived
    // (src/http/multipart/heldFile.ts), so with a cap, requests waiting on their own bodies
    // could hold every connection while the uploads that would finish them wait in the queue.
    assets: new AssetsClient(pool('assets', config.assets.baseUrl, null), config.assets.token),
    contentHub: new ContentHubClient(pool('contentHub', config.contentHub.baseUrl), config.contentHub, cache),
    close: async () => {
      await Promise.all(pools.map((http) => http.close()));
    },
  };
}
