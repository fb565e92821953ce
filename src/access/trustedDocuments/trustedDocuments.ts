import { GraphQLError } from 'graphql';
import type { Logger } from '../../observability/logger';
import type { GatewayMetrics } from '../../observability/metrics';
import type { ClientIdentity } from '../../observability/clientAwareness';
import { TrustedDocumentList } from './documentList';
import { ManifestError, parseManifest } from './manifest';
import type { TrustedDocument } from './manifest';
import { manifestSourceOf } from './manifestSource';
import type { ManifestSource } from './manifestSource';
import { requestedDocumentId } from './requestedId';

/**
 * - `log`: every document runs; one in no manifest is counted and logged (what to list first).
 * - `safelist`: a document runs only if a manifest lists it, sent by id or as its full text.
 * - `require`: only ids are accepted, as Apollo Router's `require_id`.
 */
export type TrustedDocumentsMode = 'log' | 'safelist' | 'require';

export interface TrustedDocumentsConfig {
  mode: TrustedDocumentsMode;
  /** Manifest files or http(s) URLs (PERSISTED_DOCUMENTS). */
  sources: readonly string[];
  /** How often every source is read again; 0: never. */
  refreshSeconds: number;
}

/** What a request carries that names its document, on any transport. */
export interface DocumentRequest {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

/** Who sent an operation, for the count and the log of documents refused or not listed. */
export interface DocumentSender {
  operationName?: string | null;
  client: ClientIdentity;
  log: Logger;
}

export type Admission =
  /** Runs as it came: `log` mode, where Apollo's APQ and any text still work. */
  | { kind: 'asSent' }
  /** Runs the listed document's text, whatever text came with its id. */
  | { kind: 'listed'; document: TrustedDocument }
  /** Answered with `error` at `status` (400, or 200 for APQ's "send the text"). */
  | { kind: 'refused'; status: number; error: GraphQLError; headers: Record<string, string> };

/** A refusal must not be cached by a CDN: the manifest may list the document a minute later. */
const UNCACHED = { 'cache-control': 'private, no-cache, must-revalidate' };

/**
 * The operations the frontends ship (docs/security.md#trusted-documents): the manifests of
 * PERSISTED_DOCUMENTS, read at startup (a manifest that cannot be read stops the start) and
 * again every `refreshSeconds`, keeping the last good list when a read fails. Every transport
 * asks `admit` before a document is parsed.
 */
export class TrustedDocuments {
  private list: TrustedDocumentList;
  private parsed = new Map<ManifestSource, { text: string; documents: TrustedDocument[] }>();
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;

  private constructor(
    readonly mode: TrustedDocumentsMode,
    private readonly sources: readonly ManifestSource[],
    private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
  ) {
    this.list = new TrustedDocumentList([]);
  }

  static async load(config: TrustedDocumentsConfig, logger: Logger, metrics: GatewayMetrics): Promise<TrustedDocuments> {
    const trusted = new TrustedDocuments(config.mode, config.sources.map(manifestSourceOf), logger, metrics);
    await trusted.reload();
    logger.info({ mode: config.mode, documents: trusted.list.size, sources: trusted.sources.map((source) => source.name) }, 'trusted documents loaded');
    if (config.refreshSeconds > 0) {
      trusted.timer = setInterval(() => void trusted.refresh(), config.refreshSeconds * 1000).unref();
    }
    return trusted;
  }

  /** How many documents are listed now. */
  get size(): number {
    return this.list.size;
  }

  /** Reads every source again now (the timer's work); a failure keeps the current list. */
  refresh(): Promise<void> {
    this.refreshing ??= this.reload()
      .then(
        (changed) => {
          if (!changed) return void this.metrics.trustedDocumentRefreshes.inc({ outcome: 'unchanged' });
          this.metrics.trustedDocumentRefreshes.inc({ outcome: 'updated' });
          this.logger.info({ documents: this.list.size }, 'trusted documents updated');
        },
        (error: unknown) => {
          this.metrics.trustedDocumentRefreshes.inc({ outcome: 'failed' });
          this.logger.error({ err: error, documents: this.list.size }, 'trusted documents not refreshed: the last good list stays');
        },
      )
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
  }

  /** Whether `request`'s document may run, and which text runs (docs/security.md has the table). */
  admit(request: DocumentRequest, sender: DocumentSender): Admission {
    const admission = this.admission(request);
    if (admission.kind === 'refused') this.countRefusal(admission.error, sender);
    return admission;
  }

  /**
   * `log` mode, once a request's text is known (after APQ): counts and logs it when no manifest
   * lists it. `sha256`, when known, is the text's hash (Apollo's queryHash).
   */
  noteIfUntrusted(text: string, sha256: string | undefined, sender: DocumentSender): void {
    if (this.list.byTextOf(text, sha256)) return;
    const operation = this.metrics.operationLabel(sender.operationName ?? 'anonymous');
    this.metrics.untrustedDocuments.inc({ operation, client: this.metrics.clientLabels(sender.client.name, sender.client.version).client });
    sender.log.warn(
      { operation: sender.operationName ?? undefined, clientName: sender.client.name, clientVersion: sender.client.version, queryHash: sha256, document: text.slice(0, 2048) },
      'untrusted document',
    );
  }

  private admission(request: DocumentRequest): Admission {
    const requested = requestedDocumentId(request);
    if (requested.kind === 'malformed') {
      return this.mode === 'log' ? { kind: 'asSent' } : refusal(400, 'BAD_REQUEST', requested.reason);
    }
    if (requested.kind === 'id') {
      const document = this.list.byIdOrHash(requested.id);
      if (document) return { kind: 'listed', document };
      // `documentId` exists only for listed documents; an unknown APQ hash is APQ's business in `log`.
      if (requested.form === 'documentId' || this.mode === 'require') return notInList(requested.id);
      if (this.mode === 'log') return { kind: 'asSent' };
      // `safelist`: APQ's own answer, so a client that hashes what it sends retries with the
      // text, which is then checked like any other.
      if (typeof request.query !== 'string') return refusal(200, 'PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
    }
    if (this.mode === 'log') return { kind: 'asSent' };
    if (this.mode === 'require') {
      return refusal(400, 'PERSISTED_QUERY_ID_REQUIRED', 'This endpoint runs only trusted documents sent by id (documentId, or extensions.persistedQuery): no full text.');
    }
    const text = typeof request.query === 'string' ? request.query : '';
    const document = this.list.byTextOf(text);
    if (document) return { kind: 'listed', document };
    return refusal(400, 'QUERY_NOT_IN_SAFELIST', 'This document is in no trusted documents manifest: only operations the frontends ship may run here.');
  }

  private countRefusal(error: GraphQLError, sender: DocumentSender): void {
    const code = String(error.extensions.code);
    this.metrics.trustedDocumentRefusals.inc({ code, client: this.metrics.clientLabels(sender.client.name, sender.client.version).client });
  }

  /**
   * Reads every source and, when any text changed, lists the documents of all of them. Nothing
   * is kept of a read that fails, in any source: the list stays whole, as last read.
   */
  private async reload(): Promise<boolean> {
    const read = new Map(this.parsed);
    const changed = await Promise.all(
      this.sources.map(async (source) => {
        try {
          const text = await source.read();
          if (text === 'unchanged' || text === read.get(source)?.text) return false;
          read.set(source, { text, documents: parseManifest(text) });
          return true;
        } catch (error) {
          throw new ManifestError(`Trusted documents manifest ${source.name}: ${(error as Error).message}`, { cause: error });
        }
      }),
    );
    if (!changed.some(Boolean)) return false;
    this.list = new TrustedDocumentList(this.sources.map((source) => ({ source: source.name, documents: read.get(source)!.documents })));
    this.parsed = read;
    this.metrics.trustedDocuments.set(this.list.size);
    return true;
  }
}

function refusal(status: number, code: string, message: string): Admission {
  return { kind: 'refused', status, error: new GraphQLError(message, { extensions: { code } }), headers: UNCACHED };
}

function notInList(id: string): Admission {
  // The id is echoed only when plain, so a refusal cannot carry a client's markup back.
  const named = /^[\w.:-]{1,128}$/.test(id) ? ` ${id}` : '';
  return refusal(400, 'PERSISTED_QUERY_NOT_IN_LIST', `The persisted document${named} is in no trusted documents manifest.`);
}
