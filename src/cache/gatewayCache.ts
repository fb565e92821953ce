import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { CacheConfig } from '../config';
import type { Logger } from '../observability/logger';
import { RedisCache } from './redisCache';

/** The longest any entry lives: APQ documents and vendor revalidation entries alike. */
export const CACHE_TTL_SECONDS = 24 * 3600;

/**
 * The gateway's one cache, behind Apollo's KeyValueCache interface: persisted queries (APQ) and
 * the vendor revalidation entries. In this process's memory by default, bounded by size (Apollo's
 * LRU, about 30 MiB); in Redis, shared by every replica, when REDIS_URL is set.
 */
export interface GatewayCache {
  store: KeyValueCache<string>;
  /** Where it lives, for the startup message. */
  kind: 'memory' | 'redis';
  close(): void;
}

export async function openGatewayCache(config: CacheConfig, logger: Logger): Promise<GatewayCache> {
  if (!config.redisUrl) return { store: new InMemoryLRUCache<string>(), kind: 'memory', close: () => undefined };
  const redis = new RedisCache({
    url: config.redisUrl,
    keyPrefix: config.keyPrefix,
    timeoutMs: config.timeoutMs,
    maxTtlSeconds: CACHE_TTL_SECONDS,
    logger,
  });
  await redis.connect();
  return { store: redis, kind: 'redis', close: () => redis.close() };
}
