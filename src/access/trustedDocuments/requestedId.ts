import { MAX_DOCUMENT_ID_LENGTH } from './manifest';
import type { DocumentRequest } from './trustedDocuments';
import { isJsonObject } from '../../jsonObject';

/** The id a request names its document by, in either form clients send. */
export type RequestedDocument =
  | { kind: 'none' }
  /**
   * `documentId`: GraphQL over HTTP's persisted documents (codegen's docs, Hive);
   * `persistedQuery`: `extensions.persistedQuery.sha256Hash`, Apollo Client's PersistedQueryLink.
   */
  | { kind: 'id'; id: string; form: 'documentId' | 'persistedQuery' }
  | { kind: 'malformed'; reason: string };

export function requestedDocumentId(request: DocumentRequest): RequestedDocument {
  const { documentId } = request;
  if (documentId !== undefined && documentId !== null) {
    return isId(documentId) ? { kind: 'id', id: documentId, form: 'documentId' } : malformed(`\`documentId\` must be a string of 1 to ${MAX_DOCUMENT_ID_LENGTH} characters.`);
  }
  const persistedQuery = isJsonObject(request.extensions) ? request.extensions['persistedQuery'] : undefined;
  if (persistedQuery === undefined || persistedQuery === null) return { kind: 'none' };
  if (!isJsonObject(persistedQuery) || persistedQuery['version'] !== 1 || !isId(persistedQuery['sha256Hash'])) {
    return malformed(`\`extensions.persistedQuery\` must be {"version": 1, "sha256Hash": "<id>"}, with an id of 1 to ${MAX_DOCUMENT_ID_LENGTH} characters.`);
  }
  return { kind: 'id', id: persistedQuery['sha256Hash'], form: 'persistedQuery' };
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_DOCUMENT_ID_LENGTH;
}

function malformed(reason: string): RequestedDocument {
  return { kind: 'malformed', reason };
}
