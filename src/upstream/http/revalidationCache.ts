import { createHash } from 'node:crypto';

interface Entry<T> {
  lastModified: string;
  value: T;
}

/**
 * Cross-request cache by HTTP semantics only: a stored answer is never served as is, only
 * revalidated (If-Modified-Since; a 304 means "still this"). Entries are per credential, never
 * shared across tokens, and the oldest go first past `maxEntries`.
 */
export class RevalidationCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries = 1_000) {}

  key(credential: string, path: string): string {
    return `${createHash('sha256').update(credential).digest('base64url')}:${path}`;
  }

  get(key: string): Entry<T> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Re-insert: Map order doubles as least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, lastModified: string | undefined, value: T): void {
    this.entries.delete(key);
    if (!lastModified) return;
    this.entries.set(key, { lastModified, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
