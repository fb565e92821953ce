import { createHash } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { z } from 'zod';
import { CACHE_TTL_SECONDS } from '../../cache/gatewayCache';

export interface RevalidationEntry<T> {
  lastModified: string;
  value: T;
}

/**
 * Cross-request cache by HTTP semantics only: a stored answer is never served as is, only
 * revalidated (If-Modified-Since; a 304 means "still this"). Entries are per credential and per
 * vendor URL, never shared across tokens, and live in the gateway's cache (memory or Redis), so
 * what one replica fetched another revalidates. A stored entry is checked against the vendor
 * model again when read: one written by another version of the gateway is a miss, not a crash.
 */
export class RevalidationCache<T> {
  private readonly entrySchema: z.ZodType<RevalidationEntry<T>>;

  constructor(
    private readonly store: KeyValueCache<string>,
    /** Names what is cached, e.g. "contentHub:order". */
    private readonly namespace: string,
    schema: z.ZodType<T>,
  ) {
    this.entrySchema = z.object({ lastModified: z.string(), value: schema });
  }

  /** The credential goes in hashed: the key may sit in a shared Redis. */
  key(credential: string, url: string): string {
    return `revalidation:${this.namespace}:${createHash('sha256').update(credential).digest('base64url')}:${url}`;
  }

  async get(key: string): Promise<RevalidationEntry<T> | undefined> {
    const stored = await this.store.get(key);
    if (stored === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(stored);
    } catch {
      return undefined;
    }
    const parsed = this.entrySchema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  }

  /** An answer without Last-Modified cannot be revalidated: it replaces nothing, it removes. */
  async set(key: string, lastModified: string | undefined, value: T): Promise<void> {
    if (!lastModified) {
      await this.store.delete(key);
      return;
    }
    await this.store.set(key, JSON.stringify({ lastModified, value }), { ttl: CACHE_TTL_SECONDS });
  }
}
