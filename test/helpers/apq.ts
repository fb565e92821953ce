import { createHash } from 'node:crypto';

/** How APQ names a document: its SHA-256, in hex. */
export const queryHash = (query: string): string => createHash('sha256').update(query).digest('hex');

/**
 * An automatic persisted query request body (Apollo's APQ protocol): the document's hash, with
 * the document itself when registering it.
 */
export function persistedQuery(query: string, variables: Record<string, unknown>, { register }: { register: boolean }): Record<string, unknown> {
  return { ...(register ? { query } : {}), variables, extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(query) } } };
}
