import { EventEmitter } from 'node:events';
import { pipeline } from 'node:stream';
import { GatewayError } from '../../errors';
import type { Upstreams } from '../../upstream';
import type { AssetVisibility } from '../../upstream/assets/model';
import { UpstreamCallLog } from '../../upstream/http/callLog';
import type { Logger } from '../../observability/logger';
import type { ImportableFile } from '../importableFile';
import { ByteCounter, fileTooLarge } from './byteCounter';
import { FINAL_STATUSES } from './importState';
import type { AssetImportState, ImportFailure, ImportSourceKind, ImportStatus } from './importState';

/** What a job needs from the process: the store, the size cap, and where to tell what happened. */
export interface ImportJobServices {
  upstreams: Upstreams;
  maxFileBytes: number;
  logger: Logger;
  /** A change of status (or of the total): written to the snapshot at once. */
  changed(job: ImportJob): void;
  /** Bytes counted, for the bytes counter. */
  counted(job: ImportJob, bytes: number): void;
}

export interface ImportJobRequest {
  id: string;
  owner: string;
  /** The caller's `sub`, for the log lines only. */
  sub: string | undefined;
  source: ImportSourceKind;
  file: ImportableFile;
  name: string;
  visibility: AssetVisibility;
}

/** How a job ends without an asset. */
type EndingFailure = ImportFailure & { status: Extract<ImportStatus, 'FAILED' | 'CANCELLED'> };

/** Why a job's controller was aborted: the caller cancelled it, or the gateway is stopping. */
export class ImportAbort extends Error {
  constructor(readonly failure: EndingFailure) {
    super(failure.message);
  }
}

/**
 * One import: the file's download streamed through a byte counter into the store's upload, in
 * the job, not in the request that started it. It has its own abort controller and vendor-call
 * scope, so a client that goes away leaves it running, and a cancel aborts both vendor requests.
 */
export class ImportJob {
  /** Emits 'change' on every change, progress included. */
  readonly events = new EventEmitter();
  readonly owner: string;
  private readonly controller = new AbortController();
  private current: AssetImportState;
  private settle!: () => void;
  /** Resolves once the job has reached its final state. */
  readonly ended = new Promise<void>((resolve) => (this.settle = resolve));
  /** Grows with every change, so a watcher can tell whether it has seen the latest. */
  version = 0;
  private readonly log: Logger;

  constructor(
    private readonly request: ImportJobRequest,
    private readonly services: ImportJobServices,
  ) {
    this.owner = request.owner;
    this.log = services.logger.child({ importId: request.id });
    this.events.setMaxListeners(0);
    this.current = {
      id: request.id,
      owner: request.owner,
      source: request.source,
      filename: request.file.filename,
      status: 'QUEUED',
      bytesDone: 0,
      totalBytes: request.file.size,
      assetKey: null,
      error: null,
      createdAt: Date.now(),
      startedAt: null,
      endedAt: null,
    };
  }

  get state(): AssetImportState {
    return this.current;
  }

  get finished(): boolean {
    return FINAL_STATUSES.has(this.current.status);
  }

  /** Runs the transfer to its end; never rejects (its outcome is its state). */
  async run(): Promise<void> {
    if (this.finished) return;
    this.update({ status: 'RUNNING', startedAt: Date.now() });
    this.log.info({ sub: this.request.sub, source: this.request.source }, 'asset import started');
    try {
      const assetKey = await this.transfer();
      this.update({ status: 'SUCCEEDED', assetKey, endedAt: Date.now() });
    } catch (error) {
      const reason = this.controller.signal.reason;
      this.endWith(reason instanceof ImportAbort ? reason.failure : { status: 'FAILED', ...failureOf(error) });
    }
  }

  /** Ends the job as `abort` says: a waiting one at once, a running one once both requests stopped. */
  abort(abort: ImportAbort, waiting: boolean): void {
    if (this.finished) return;
    this.controller.abort(abort);
    if (waiting) this.endWith(abort.failure);
  }

  private endWith({ status, code, message }: EndingFailure): void {
    this.update({ status, error: { code, message }, endedAt: Date.now() });
  }

  private async transfer(): Promise<string> {
    const { file } = this.request;
    const { maxFileBytes, upstreams } = this.services;
    const signal = this.controller.signal;
    // A size told up front refuses the file before any download.
    if (file.size !== null && file.size > maxFileBytes) throw fileTooLarge(maxFileBytes);
    const download = await file.open(signal);
    const totalBytes = file.size ?? download.size;
    if (totalBytes !== null && totalBytes > maxFileBytes) {
      download.body.destroy();
      throw fileTooLarge(maxFileBytes);
    }
    if (totalBytes !== this.current.totalBytes) this.update({ totalBytes });
    // The first failure is the job's: the store's request fails after it, with a vaguer error.
    let streamFailure: unknown;
    const counter = new ByteCounter(maxFileBytes, (bytes, chunkBytes) => {
      this.current = { ...this.current, bytesDone: bytes };
      this.version += 1;
      this.services.counted(this, chunkBytes);
      this.events.emit('change');
    });
    pipeline(download.body, counter, (error) => {
      if (error && !signal.aborted) streamFailure ??= downloadFailure(error, file.upstream);
    });
    try {
      const record = await upstreams.assets.upload(
        { signal, calls: new UpstreamCallLog(), log: this.log },
        { name: this.request.name, visibility: this.request.visibility, file: { filename: file.filename, contentType: file.contentType, content: counter } },
      );
      if (!record.key) throw new GatewayError('UPSTREAM_BAD_RESPONSE', 'The assets API answered the upload without the key of the file.', { upstream: 'assets' });
      return record.key;
    } catch (error) {
      throw streamFailure ?? error;
    } finally {
      // A store that refused before the end leaves the download to stop here.
      if (!download.body.destroyed) download.body.destroy();
    }
  }

  private update(change: Partial<AssetImportState>): void {
    this.current = { ...this.current, ...change };
    this.version += 1;
    this.services.changed(this);
    this.events.emit('change');
    if (!this.finished) return;
    const { bytesDone, status, error, startedAt, createdAt, endedAt } = this.current;
    // Every end is logged, a waiting import's that never ran included.
    this.log.info(
      { sub: this.request.sub, source: this.request.source, bytes: bytesDone, durationMs: endedAt! - (startedAt ?? createdAt), outcome: status, code: error?.code },
      'asset import ended',
    );
    this.settle();
  }
}

/** A download that breaks off midway without a GatewayError (a reset socket): the vendor failed. */
function downloadFailure(error: Error, upstream: ImportableFile['upstream']): unknown {
  if (error instanceof GatewayError) return error;
  return new GatewayError('UPSTREAM_UNAVAILABLE', `The ${upstream} file's download broke off (${error.message}).`, { upstream });
}

function failureOf(error: unknown): ImportFailure {
  if (error instanceof GatewayError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL_SERVER_ERROR', message: 'The import failed unexpectedly.' };
}
