import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { ImportLimits } from '../../config';
import { GatewayError } from '../../errors';
import type { Logger } from '../../observability/logger';
import type { GatewayMetrics } from '../../observability/metrics';
import type { Upstreams } from '../../upstream';
import { ImportAbort, ImportJob } from './importJob';
import type { ImportJobRequest } from './importJob';
import { newImportId, newInstanceId, parseImportId } from './importIds';
import { ImportQueue } from './importQueue';
import { FINAL_STATUSES, LOST_WITH_ITS_PROCESS, lost } from './importState';
import type { AssetImportState } from './importState';
import { liveUpdates, polledUpdates } from './importUpdates';
import { HEARTBEAT_MS, ImportSnapshots } from './snapshots';

/** Finished jobs this process keeps answering from memory, and for how long. */
const KEEP_FINISHED = 1_000;
const KEEP_FINISHED_MS = 3_600_000;

export interface AssetImportsOptions {
  upstreams: Upstreams;
  /** The gateway's cache (memory, or Redis shared by the replicas): where snapshots live. */
  cache: KeyValueCache<string>;
  limits: ImportLimits;
  /** UPLOAD_MAX_FILE_BYTES: the largest file an import may move. */
  maxFileBytes: number;
  logger: Logger;
  metrics: GatewayMetrics;
}

export type NewImport = Omit<ImportJobRequest, 'id'>;

const STOPPED = new ImportAbort({ status: 'FAILED', code: 'IMPORT_LOST', message: 'The gateway stopped while this import ran; start it again.' });
const CANCELLED = new ImportAbort({ status: 'CANCELLED', code: 'CANCELLED', message: 'The import was cancelled.' });

/**
 * The process's asset import jobs (docs/assets.md#imports): started by the mutations, run under
 * the caps of ImportQueue, read by id by the one who started them (anyone else: NOT_FOUND).
 * Every change of status, and each unfinished job every HEARTBEAT_MS, is written as a snapshot
 * to the gateway's cache, so another replica (or this one after a restart) can tell an import's
 * outcome, or that it was lost with the process that ran it.
 */
export class AssetImports {
  /** Carried by every id this process makes: an id of another instance with no snapshot was lost. */
  readonly instance = newInstanceId();
  private readonly jobs = new Map<string, ImportJob>();
  private readonly finished: Array<{ id: string; at: number }> = [];
  private readonly queue: ImportQueue<ImportJob>;
  private readonly snapshots: ImportSnapshots;
  private readonly writes = new Set<Promise<void>>();
  private heartbeat: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly options: AssetImportsOptions) {
    this.queue = new ImportQueue(options.limits);
    this.snapshots = new ImportSnapshots(options.cache);
  }

  /** Holds a waiting place for one of `owner`'s imports; refused with IMPORT_LIMIT_EXCEEDED past the queue cap. */
  reserve(owner: string): { release(): void } {
    if (this.stopping) throw new GatewayError('UPSTREAM_UNAVAILABLE', 'The gateway is stopping; start the import again.');
    if (!this.queue.reserve(owner)) {
      throw new ImportLimitError(`At most ${this.options.limits.maxQueuedPerCaller} of your imports may wait at once (IMPORT_MAX_QUEUED_PER_CALLER); try again when some have ended.`);
    }
    let held = true;
    return {
      release: () => {
        if (held) this.queue.release(owner);
        held = false;
      },
    };
  }

  /** Starts an import in the place `reserve` held: QUEUED, or RUNNING when a slot is free. */
  start(request: NewImport): AssetImportState {
    const id = newImportId({ instance: this.instance, owner: request.owner, source: request.source });
    const job = new ImportJob(
      { ...request, id },
      {
        upstreams: this.options.upstreams,
        maxFileBytes: this.options.maxFileBytes,
        logger: this.options.logger,
        changed: (changed) => this.changed(changed),
        counted: (counted, bytes) => this.options.metrics.assetImportBytes.inc({ source: counted.state.source }, bytes),
      },
    );
    this.jobs.set(id, job);
    this.write(job.state);
    this.queue.enqueue(job);
    this.beat();
    return job.state;
  }

  /** The import now, for the one who started it; NOT_FOUND for anyone else or an unknown id. */
  async read(id: string, owner: string): Promise<AssetImportState> {
    const live = this.liveJob(id, owner);
    if (live) return live.state;
    return (await this.stored(id, owner)) ?? importNotFound();
  }

  /**
   * Cancels a waiting or running import: CANCELLED, no asset. A finished one is refused
   * (ImportFinishedError), and so is one another replica runs (ImportElsewhereError): only the
   * process holding a job can abort its requests.
   */
  async cancel(id: string, owner: string): Promise<AssetImportState> {
    const job = this.liveJob(id, owner);
    if (!job) {
      const stored = (await this.stored(id, owner)) ?? importNotFound();
      throw FINAL_STATUSES.has(stored.status) ? new ImportFinishedError(stored) : new ImportElsewhereError(stored);
    }
    if (job.finished) throw new ImportFinishedError(job.state);
    const waiting = this.queue.remove(job);
    job.abort(CANCELLED, waiting);
    await job.ended;
    return job.state;
  }

  /** The import now, then its changes until it ends: a live job's, or another replica's snapshots. */
  async watch(id: string, owner: string): Promise<AsyncIterableIterator<AssetImportState>> {
    const live = this.liveJob(id, owner);
    if (live) return liveUpdates(live);
    const first = (await this.stored(id, owner)) ?? importNotFound();
    return polledUpdates(first, () => this.stored(id, owner));
  }

  /**
   * Ends every unfinished import, FAILED IMPORT_LOST (the gateway stopped): waiting ones at
   * once, running ones once both their requests are aborted; their snapshots say so.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const job of this.queue.drain()) job.abort(STOPPED, true);
    const running = [...this.jobs.values()].filter((job) => !job.finished);
    for (const job of running) job.abort(STOPPED, false);
    await Promise.all(running.map((job) => job.ended));
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    await Promise.all(this.writes);
  }

  private liveJob(id: string, owner: string): ImportJob | undefined {
    const job = this.jobs.get(id);
    return job && job.owner === owner ? job : undefined;
  }

  /** The snapshot's state; a job of another instance with none was lost with its process. */
  private async stored(id: string, owner: string): Promise<AssetImportState | undefined> {
    const parsed = parseImportId(id);
    if (!parsed || parsed.owner !== owner) return undefined;
    const state = await this.snapshots.read(id);
    if (state) return state.owner === owner ? state : undefined;
    if (parsed.instance === this.instance) return undefined;
    return lost(
      { id, owner, source: parsed.source, filename: '', status: 'FAILED', bytesDone: 0, totalBytes: null, assetKey: null, error: null, createdAt: 0, startedAt: null, endedAt: null },
      LOST_WITH_ITS_PROCESS,
    );
  }

  private changed(job: ImportJob): void {
    this.write(job.state);
    this.options.metrics.assetImportsRunning.set([...this.jobs.values()].filter((each) => each.state.status === 'RUNNING').length);
    if (!job.finished) return;
    this.options.metrics.assetImports.inc({ source: job.state.source, outcome: job.state.status.toLowerCase() });
    this.finished.push({ id: job.state.id, at: Date.now() });
    this.forgetOld();
  }

  private forgetOld(): void {
    const now = Date.now();
    while (this.finished.length > KEEP_FINISHED || (this.finished[0] && now - this.finished[0].at > KEEP_FINISHED_MS)) {
      this.jobs.delete(this.finished.shift()!.id);
    }
  }

  /** Writes the unfinished jobs' snapshots every HEARTBEAT_MS (their progress, and that this process lives). */
  private beat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const unfinished = [...this.jobs.values()].filter((job) => !job.finished);
      for (const job of unfinished) this.write(job.state);
      this.forgetOld();
      if (unfinished.length === 0) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private write(state: AssetImportState): void {
    const written = this.snapshots.write(state).finally(() => this.writes.delete(written));
    this.writes.add(written);
  }
}

/** More imports waiting than IMPORT_MAX_QUEUED_PER_CALLER allows: told as a userError. */
export class ImportLimitError extends Error {}

/** A cancel of an import that has ended: told as a userError. */
export class ImportFinishedError extends Error {
  constructor(readonly state: AssetImportState) {
    super(`The import has ended (${state.status}); it cannot be cancelled.`);
  }
}

/** A cancel of an import another replica runs: told as a userError. */
export class ImportElsewhereError extends Error {
  constructor(readonly state: AssetImportState) {
    super('Another replica of the gateway runs this import, and only it can cancel it; try again (your next request may reach it).');
  }
}

/** The answer for any id the caller did not start, so an id tells nothing of anyone else's imports. */
export function importNotFound(): never {
  throw new GatewayError('NOT_FOUND', 'No asset import has this id (an import is readable only by who started it).');
}
