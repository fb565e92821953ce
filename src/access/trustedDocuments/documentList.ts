import { createHash } from 'node:crypto';
import { stripIgnoredCharacters } from 'graphql';
import { ManifestError } from './manifest';
import type { TrustedDocument } from './manifest';

/**
 * Every trusted document of every manifest, found by what a request may carry: the manifest's
 * id, the SHA-256 of its text (an APQ hash: `sha256Hash` from a client that hashes what it sends)
 * or its text itself, as written or with insignificant whitespace and comments stripped.
 */
export class TrustedDocumentList {
  private readonly byId = new Map<string, TrustedDocument>();
  private readonly bySha256 = new Map<string, TrustedDocument>();
  private readonly byText = new Map<string, TrustedDocument>();

  /** `manifests`: each source's name and documents; one id with two texts refuses them all. */
  constructor(manifests: ReadonlyArray<{ source: string; documents: readonly TrustedDocument[] }>) {
    const sourceOf = new Map<string, string>();
    for (const { source, documents } of manifests) {
      for (const document of documents) {
        const listed = this.byId.get(document.id);
        if (listed && listed.body !== document.body) {
          throw new ManifestError(`id ${document.id} names two different documents, in ${sourceOf.get(document.id)} and in ${source}`);
        }
        this.byId.set(document.id, document);
        sourceOf.set(document.id, source);
        this.bySha256.set(sha256(document.body), document);
        this.byText.set(document.body, document);
        this.byText.set(stripIgnoredCharacters(document.body), document);
      }
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** The document a request names by id: a manifest id, or the SHA-256 of a listed text. */
  byIdOrHash(id: string): TrustedDocument | undefined {
    return this.byId.get(id) ?? this.bySha256.get(id);
  }

  /**
   * The listed document a text is, if any. `sha256`, when the caller has it (Apollo computes it
   * for every request), spares the text lookups for a document sent exactly as listed.
   */
  byTextOf(text: string, sha256OfText?: string): TrustedDocument | undefined {
    const hashed = sha256OfText === undefined ? undefined : this.bySha256.get(sha256OfText);
    if (hashed) return hashed;
    const exact = this.byText.get(text);
    if (exact) return exact;
    const stripped = normalized(text);
    return stripped === undefined ? undefined : this.byText.get(stripped);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A text that does not lex has no normal form; it then matches nothing. */
function normalized(text: string): string | undefined {
  try {
    return stripIgnoredCharacters(text);
  } catch {
    return undefined;
  }
}
