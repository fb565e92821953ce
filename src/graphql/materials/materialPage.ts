import { z } from 'zod';
import { badUserInput } from '../../errors';
import type { VendorMaterial } from '../../upstream/materials/model';
import { parseVendorInstant } from '../../upstream/time';
import type { PageInfo } from '../../generated/resolvers';
import { decodeOpaque, encodeOpaque } from '../relay/opaque';

/**
 * The vendor returns an assignment's whole material list; the layer pages it. Materials are
 * ordered by (modifiedAt, id), and a cursor is that key of its material, so `after` resumes
 * right after it even when the list changed in between; a material changed meanwhile moves to
 * the end, where the walk still reaches it.
 *
 * Incremental sync: the vendor's `modifiedSince` is "at or after", so asking again from the
 * latest instant seen would repeat the materials modified exactly then. A sync token therefore
 * holds that instant and the ids seen at it: the next sync asks from the instant and drops
 * exactly those, so nothing repeats and nothing is missed.
 */

export interface MaterialPageEdge {
  cursor: string;
  node: VendorMaterial;
}

export interface MaterialPage {
  edges: MaterialPageEdge[];
  pageInfo: PageInfo;
  totalCount: number;
  syncedAt: Date | null;
  syncToken: string;
}

/** Where a sync left off: the latest vendor `modifiedAt` seen (verbatim) and the ids at it. */
export interface SyncPoint {
  modifiedAt: string | null;
  ids: string[];
}

const syncTokenSchema = z.object({ q: z.string(), t: z.string().nullable(), ids: z.array(z.string()) });
const cursorSchema = z.object({ q: z.string(), m: z.number(), id: z.string() });

export function decodeSyncToken(token: string, listKey: string): SyncPoint {
  const parsed = syncTokenSchema.safeParse(decodeOpaque(token, 'sync token'));
  if (!parsed.success) throw badUserInput('`syncToken` is not a sync token.');
  if (parsed.data.q !== listKey) throw badUserInput('`syncToken` belongs to another assignment, product or quality.');
  return { modifiedAt: parsed.data.t, ids: parsed.data.ids };
}

/** Drops what the previous sync already saw: the materials at its instant that it listed. */
export function unseenSince(materials: VendorMaterial[], since: SyncPoint): VendorMaterial[] {
  if (since.modifiedAt === null) return materials;
  const boundary = instantOf(since.modifiedAt);
  const seen = new Set(since.ids);
  return materials.filter((material) => !(instantOf(material.modifiedAt) === boundary && seen.has(material.id)));
}

export function materialPage(
  materials: VendorMaterial[],
  request: { listKey: string; first: number; after: string | null | undefined; since: SyncPoint },
): MaterialPage {
  const keyed = materials
    .map((node) => ({ node, key: { m: instantOf(node.modifiedAt), id: node.id } }))
    .sort((a, b) => compareKeys(a.key, b.key));
  const start = request.after ? firstAfter(keyed.map((entry) => entry.key), decodeCursor(request.after, request.listKey)) : 0;
  const page = keyed.slice(start, start + request.first);
  const edges = page.map(({ node, key }) => ({ node, cursor: encodeOpaque({ q: request.listKey, ...key }) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + page.length < keyed.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: keyed.length,
    syncedAt: keyed.length ? new Date(keyed.at(-1)!.key.m) : null,
    syncToken: encodeOpaque({ q: request.listKey, ...nextSyncPoint(keyed.map((entry) => entry.node), request.since) }),
  };
}

/** The latest instant among `materials` and every id at it, carried over from `since` when equal. */
function nextSyncPoint(materials: VendorMaterial[], since: SyncPoint): { t: string | null; ids: string[] } {
  const latest = materials.at(-1);
  if (!latest) return { t: since.modifiedAt, ids: since.ids };
  const latestInstant = instantOf(latest.modifiedAt);
  const atLatest = materials.filter((material) => instantOf(material.modifiedAt) === latestInstant).map((material) => material.id);
  const carried = since.modifiedAt !== null && instantOf(since.modifiedAt) === latestInstant ? since.ids : [];
  return { t: latest.modifiedAt, ids: [...new Set([...carried, ...atLatest])] };
}

type Key = { m: number; id: string };

function compareKeys(a: Key, b: Key): number {
  return a.m - b.m || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function firstAfter(keys: Key[], cursor: Key): number {
  const index = keys.findIndex((key) => compareKeys(key, cursor) > 0);
  return index < 0 ? keys.length : index;
}

function decodeCursor(cursor: string, listKey: string): Key {
  const parsed = cursorSchema.safeParse(decodeOpaque(cursor, 'cursor'));
  if (!parsed.success || parsed.data.q !== listKey) throw badUserInput('`after` is not a cursor of this connection.');
  return { m: parsed.data.m, id: parsed.data.id };
}

function instantOf(value: string): number {
  return parseVendorInstant('materials', value).getTime();
}
