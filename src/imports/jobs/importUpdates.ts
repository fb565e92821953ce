import { setTimeout as sleep } from 'node:timers/promises';
import type { ImportJob } from './importJob';
import { FINAL_STATUSES } from './importState';
import type { AssetImportState } from './importState';

/** How often a watcher hears of progress; a change of status is told at once. */
export const PROGRESS_INTERVAL_MS = 250;
/** How often the snapshot of another replica's import is read again. */
export const SNAPSHOT_POLL_MS = 1_000;

const DONE = { value: undefined, done: true } as const;

/**
 * A live job's states: the state now, then each change (progress at most every
 * PROGRESS_INTERVAL_MS), ending after the final one. Hand-written rather than an async
 * generator, so `return()` ends it at once, even while it waits.
 */
export function liveUpdates(job: ImportJob): AsyncIterableIterator<AssetImportState> {
  let sent: AssetImportState | undefined;
  let sentVersion = -1;
  let sentAt = 0;
  let closed = false;
  let wake: (() => void) | undefined;
  const onChange = () => wake?.();
  job.events.on('change', onChange);
  const close = () => {
    closed = true;
    job.events.off('change', onChange);
    wake?.();
  };
  /** Until the next change, or `ms`, or the end. */
  const nap = (ms?: number) =>
    new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const iterator: AsyncIterableIterator<AssetImportState> = {
    next: async () => {
      if (sent && FINAL_STATUSES.has(sent.status)) close();
      if (closed) return DONE;
      if (sent) {
        while (!closed && job.version === sentVersion) await nap();
        const holdUntil = sentAt + PROGRESS_INTERVAL_MS;
        while (!closed && job.state.status === sent.status && Date.now() < holdUntil) await nap(holdUntil - Date.now());
        if (closed) return DONE;
      }
      sent = job.state;
      sentVersion = job.version;
      sentAt = Date.now();
      return { value: sent, done: false };
    },
    return: async () => {
      close();
      return DONE;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * An import another process runs, as its snapshots tell it: `first`, then each changed
 * snapshot, read every SNAPSHOT_POLL_MS, ending after a final state (a lost import's included).
 */
export function polledUpdates(first: AssetImportState, read: () => Promise<AssetImportState | undefined>): AsyncIterableIterator<AssetImportState> {
  let sent: AssetImportState | undefined;
  const stop = new AbortController();
  const iterator: AsyncIterableIterator<AssetImportState> = {
    next: async () => {
      if (stop.signal.aborted || (sent && FINAL_STATUSES.has(sent.status))) return DONE;
      if (!sent) {
        sent = first;
        return { value: sent, done: false };
      }
      for (;;) {
        try {
          await sleep(SNAPSHOT_POLL_MS, undefined, { signal: stop.signal, ref: false });
        } catch {
          return DONE;
        }
        const current = await read();
        if (!current) return DONE;
        if (JSON.stringify(current) !== JSON.stringify(sent)) {
          sent = current;
          return { value: sent, done: false };
        }
      }
    },
    return: async () => {
      stop.abort();
      return DONE;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
