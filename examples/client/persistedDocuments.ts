import type { ApolloLink } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { DocumentNode } from 'graphql';

/**
 * How the client names each document to the gateway instead of sending its text (trusted
 * documents): Apollo's `generatePersistedQueryIdsFromManifest` (@apollo/persisted-query-lists)
 * over the generated persisted-query-manifest.json, or `codegenDocumentIds` for the client
 * preset's persisted-documents.json.
 */
export type PersistedDocumentIds = PersistedQueryLink.Options;

/**
 * The ids GraphQL Code Generator's client preset gave its documents: each carries its key in
 * persisted-documents.json as `__meta__.hash`.
 */
export const codegenDocumentIds: PersistedDocumentIds = {
  generateHash: (document: DocumentNode & { __meta__?: { hash?: string } }) => {
    const hash = document.__meta__?.hash;
    if (hash === undefined) throw new Error('This document has no __meta__.hash: use a document the client preset generated with persistedDocuments on.');
    return hash;
  },
  // Ids only, even when the gateway asks for the text (APQ's PersistedQueryNotFound): the text
  // Apollo Client prints does not hash to this id, so APQ could not register it under it.
  disable: () => false,
  retry: () => false,
};

/** `link` behind a PersistedQueryLink that sends ids, not text, when `ids` says how; else `link` as it is. */
export function withPersistedDocuments(ids: PersistedDocumentIds | undefined, link: ApolloLink): ApolloLink {
  return ids ? new PersistedQueryLink(ids).concat(link) : link;
}
