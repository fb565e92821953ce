import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { z } from 'zod';
import { FINAL_STATUSES, LOST_WITH_ITS_PROCESS, lost } from './importState';
import type { AssetImportState } from './importState';

/** How often a live import's snapshot is written again while it is unfinished (progress, heartbeat). */
export const HEARTBEAT_MS = 1_000;
/** A RUNNING or QUEUED snapshot not written for this long is of a process that stopped. */
export const STALE_AFTER_MS = 5 * HEARTBEAT_MS;
/** How long a snapshot is kept: a finished import's outcome stays readable this long. */
export const SNAPSHOT_TTL_SECONDS = 3_600;

const KEY_PREFIX = 'asset-import:';

const snapshotSchema = z.object({
  id: z.string(),
  owner: z.string(),
  source: z.enum(['photo', 'material', 'downloadOrder']),
  filename: z.string(),
  status: z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']),
  bytesDone: z.number().int().min(0),
  totalBytes: z.number().int().min(0).nullable(),
  assetKey: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** When the process running it last wrote it. */
  heartbeatAt: z.number(),
});

/**
 * Imports' states in the gateway's cache (memory, or Redis shared by the replicas): what another
 * replica, or this one after a restart, answers about an import it does not run. Writes never
 * fail an import: a cache that is down costs only the snapshot.
 */
export class ImportSnapshots {
  constructor(private readonly cache: KeyValueCache<string>) {}

  async write(state: AssetImportState): Promise<void> {
    try {
      await this.cache.set(KEY_PREFIX + state.id, JSON.stringify({ ...state, heartbeatAt: Date.now() }), { ttl: SNAPSHOT_TTL_SECONDS });
    } catch {
      // The cache logs its own outages (src/cache/redisCache.ts).
    }
  }

  /**
   * The import as its last snapshot tells it; an unfinished one whose process stopped writing
   * is answered FAILED IMPORT_LOST. Undefined without a (readable) snapshot.
   */
  async read(id: string, now = Date.now()): Promise<AssetImportState | undefined> {
    let text: string | undefined;
    try {
      text = await this.cache.get(KEY_PREFIX + id);
    } catch {
      return undefined;
    }
    if (text === undefined) return undefined;
    let parsed;
    try {
      parsed = snapshotSchema.safeParse(JSON.parse(text));
    } catch {
      return undefined;
    }
    if (!parsed.success || parsed.data.id !== id) return undefined;
    const { heartbeatAt, ...state } = parsed.data;
    if (!FINAL_STATUSES.has(state.status) && now - heartbeatAt > STALE_AFTER_MS) return lost(state, LOST_WITH_ITS_PROCESS);
    return state;
  }
}
