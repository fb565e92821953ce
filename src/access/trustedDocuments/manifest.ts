import { Kind, parse } from 'graphql';
import { z } from 'zod';

/** An operation a frontend ships, as its manifest lists it. */
export interface TrustedDocument {
  /** What a client sends instead of the text: the manifest's id (a hash, whatever its algorithm). */
  id: string;
  /** The document's text, as the manifest holds it. */
  body: string;
  /** Its operations' names, for the log. */
  operationNames: readonly string[];
}

/** Ids are hashes or short names; anything longer is no id a generator writes. */
export const MAX_DOCUMENT_ID_LENGTH = 256;

const documentId = z.string().min(1).max(MAX_DOCUMENT_ID_LENGTH);
const documentBody = z.string().min(1);

/** `@apollo/generate-persisted-query-manifest`'s output, what Apollo Client's PersistedQueryLink reads. */
const apolloManifest = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: documentId, body: documentBody, name: z.string().optional(), type: z.string().optional() })),
});

/** GraphQL Code Generator's client preset `persistedDocuments` output: hash → document. */
const codegenManifest = z.record(documentId, documentBody);

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/**
 * The documents of one manifest, in either format frontends produce. A manifest that is not
 * one of them, or holds a document that does not parse, is refused as a whole: a half-read list
 * would refuse operations its frontend ships.
 */
export function parseManifest(text: string): TrustedDocument[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ManifestError('is not JSON');
  }
  const entries = entriesOf(json);
  return entries.map(({ id, body }) => ({ id, body, operationNames: operationNamesOf(id, body) }));
}

function entriesOf(json: unknown): Array<{ id: string; body: string }> {
  if (typeof json === 'object' && json !== null && 'format' in json) {
    const manifest = apolloManifest.safeParse(json);
    if (!manifest.success) throw new ManifestError(`is not an Apollo persisted query manifest (version 1): ${z.prettifyError(manifest.error)}`);
    return manifest.data.operations;
  }
  const manifest = codegenManifest.safeParse(json);
  if (!manifest.success) {
    throw new ManifestError(`is neither an Apollo persisted query manifest nor a codegen persisted-documents map: ${z.prettifyError(manifest.error)}`);
  }
  return Object.entries(manifest.data).map(([id, body]) => ({ id, body }));
}

function operationNamesOf(id: string, body: string): string[] {
  let document;
  try {
    document = parse(body, { noLocation: true });
  } catch (error) {
    throw new ManifestError(`document ${id} does not parse: ${(error as Error).message}`);
  }
  return document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? 'anonymous'] : [],
  );
}
