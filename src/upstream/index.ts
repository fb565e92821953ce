import type { UpstreamConfig } from '../config';
import { AccPhotosClient } from './acc/client';
import { UpstreamHttp } from './http/upstreamHttp';

/** One client per vendor API, each on its own connection pool; shared by all requests. */
export interface Upstreams {
  acc: AccPhotosClient;
  close(): Promise<void>;
}

export function createUpstreams(config: UpstreamConfig): Upstreams {
  const accHttp = new UpstreamHttp({
    upstream: 'acc',
    baseUrl: config.acc.baseUrl,
    timeoutMs: config.timeoutMs,
    connections: config.connectionsPerOrigin,
  });
  return {
    acc: new AccPhotosClient(accHttp),
    close: async () => {
      await accHttp.close();
    },
  };
}
