import type { ApolloClient } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { AssetImportProgressDocument, PublishPhotosDocument } from './generated/graphql';
import type { AssetImportStateFragment, ProjectPhotosToPublishQuery } from './generated/graphql';

/** A photo as ProjectPhotosToPublish answers it. */
export type PublishablePhoto = NonNullable<ProjectPhotosToPublishQuery['project']>['photos']['edges'][number]['node'];
/** One import as the gateway reports it: what a progress bar shows. */
export type ImportState = AssetImportStateFragment;

/**
 * What became of one photo: SUCCEEDED with its asset, or why not: SKIPPED (not importable, no
 * call made), REFUSED (a userError of assetImportMany, or the call itself failing), FAILED or
 * CANCELLED (the import's own error, e.g. PAYLOAD_TOO_LARGE, UPSTREAM_UNAVAILABLE, IMPORT_LOST).
 */
export type PublishOutcome =
  | { photo: PublishablePhoto; status: 'SUCCEEDED'; asset: NonNullable<ImportState['asset']> }
  | { photo: PublishablePhoto; status: 'SKIPPED' | 'REFUSED' | 'FAILED' | 'CANCELLED'; error: { code: string; message: string } };

/** assetImportMany takes at most this many inputs a call. */
const IMPORTS_PER_CALL = 50;
/**
 * Imports followed at once: the gateway holds at most WS_MAX_SUBSCRIPTIONS_PER_CONNECTION (10 by
 * default) subscriptions per connection, and the app may have its own. The others run all the
 * same; each is followed when a slot frees, from its state then.
 */
const FOLLOWED_AT_ONCE = 8;

/**
 * Publishes photos to the partner asset store, moved by the gateway from ACC: one assetImportMany
 * per 50 photos, then every started import followed over the WebSocket until it ends. `client`
 * must carry subscriptions (createSubscriptionClient). `onProgress` gets each import's state as
 * it starts and on every change after. Resolves with one outcome per photo, in their order.
 */
export async function publishToAssetStore(
  client: ApolloClient,
  photos: readonly PublishablePhoto[],
  onProgress: (photo: PublishablePhoto, state: ImportState) => void,
): Promise<PublishOutcome[]> {
  const outcomes = new Map<PublishablePhoto, Promise<PublishOutcome>>();
  const publishing = { client, onProgress, slot: limiter(FOLLOWED_AT_ONCE) };
  const importable = photos.filter((photo) => photo.importable);
  for (const photo of photos) {
    if (!photo.importable) outcomes.set(photo, Promise.resolve({ photo, status: 'SKIPPED', error: { code: 'NOT_IMPORTABLE', message: 'The gateway cannot import this photo now.' } }));
  }
  for (let start = 0; start < importable.length; start += IMPORTS_PER_CALL) {
    const batch = importable.slice(start, start + IMPORTS_PER_CALL);
    for (const [photo, outcome] of await startImports(publishing, batch)) outcomes.set(photo, outcome);
  }
  return Promise.all(photos.map((photo) => outcomes.get(photo)!));
}

/** One assetImportMany for `batch`: each photo's outcome, followed to its end when started. */
async function startImports(publishing: Publishing, batch: PublishablePhoto[]): Promise<Map<PublishablePhoto, Promise<PublishOutcome>>> {
  const outcomes = new Map<PublishablePhoto, Promise<PublishOutcome>>();
  let payload;
  try {
    const { data } = await publishing.client.mutate({ mutation: PublishPhotosDocument, variables: { inputs: batch.map((photo) => ({ source: { photo: photo.id } })) } });
    payload = data!.assetImportMany;
  } catch (error) {
    for (const photo of batch) outcomes.set(photo, Promise.resolve({ photo, status: 'REFUSED', error: requestError(error) }));
    return outcomes;
  }
  // A refused input's userError names it by its index, e.g. ["inputs", "3", "source"].
  const refused = new Map(payload.userErrors.map((userError) => [Number(userError.field?.[1]), userError]));
  const started = [...payload.assetImports];
  batch.forEach((photo, index) => {
    const userError = refused.get(index);
    const outcome: Promise<PublishOutcome> = userError
      ? Promise.resolve({ photo, status: 'REFUSED', error: { code: userError.code, message: userError.message } })
      : follow(publishing, photo, started.shift()!);
    outcomes.set(photo, outcome);
  });
  return outcomes;
}

interface Publishing {
  client: ApolloClient;
  onProgress: (photo: PublishablePhoto, state: ImportState) => void;
  /** Runs a subscription once fewer than FOLLOWED_AT_ONCE are open. */
  slot: <T>(task: () => Promise<T>) => Promise<T>;
}

/** Reports the import as it started, then follows it when a subscription slot is free. */
function follow({ client, onProgress, slot }: Publishing, photo: PublishablePhoto, first: ImportState): Promise<PublishOutcome> {
  onProgress(photo, first);
  return slot(() => watch(client, photo, first, (state) => onProgress(photo, state)));
}

/** Reports every change the subscription pushes after `first`; its outcome once it completes. */
function watch(client: ApolloClient, photo: PublishablePhoto, first: ImportState, onChange: (state: ImportState) => void): Promise<PublishOutcome> {
  let last = first;
  return new Promise((resolve) => {
    const fail = (error: unknown) => resolve({ photo, status: 'FAILED', error: requestError(error) });
    client.subscribe({ query: AssetImportProgressDocument, variables: { id: first.id } }).subscribe({
      next: ({ data, error }) => {
        if (error) return fail(error);
        const state = data!.assetImportProgress;
        // The subscription starts with the import as it is now: often what was reported last.
        if (state.status !== last.status || state.bytesDone !== last.bytesDone || state.totalBytes !== last.totalBytes) onChange(state);
        last = state;
      },
      error: fail,
      complete: () => resolve(outcomeOf(photo, last)),
    });
  });
}

/** Runs tasks at most `limit` at a time, in the order they come. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running < limit) running += 1;
    else await new Promise<void>((start) => waiting.push(start));
    try {
      return await task();
    } finally {
      // A waiting task takes over the slot; with none waiting, it frees.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/** The outcome an import's last state tells; one not ended means the stream stopped early. */
function outcomeOf(photo: PublishablePhoto, state: ImportState): PublishOutcome {
  if (state.status === 'SUCCEEDED' && state.asset) return { photo, status: 'SUCCEEDED', asset: state.asset };
  if ((state.status === 'FAILED' || state.status === 'CANCELLED') && state.error) return { photo, status: state.status, error: state.error };
  return { photo, status: 'FAILED', error: { code: 'UNAVAILABLE', message: `The progress stream ended while the import was ${state.status}.` } };
}

/** A failed request's code: the gateway's `extensions.code`, or UNAVAILABLE when no answer came. */
function requestError(error: unknown): { code: string; message: string } {
  const [first] = CombinedGraphQLErrors.is(error) ? error.errors : [];
  const code = first?.extensions?.['code'];
  return { code: typeof code === 'string' ? code : 'UNAVAILABLE', message: error instanceof Error ? error.message : String(error) };
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const;

/**
 * A text progress bar, e.g. `[######----] 62% 3.1/5.0 MiB`, or `3.1 MiB` when the total is not
 * known: for a terminal or a page alike.
 */
export function progressBar(bytesDone: number, totalBytes: number | null, width: number): string {
  if (totalBytes === null) {
    const unit = unitFor(bytesDone);
    return `${inUnit(bytesDone, unit)} ${UNITS[unit]}`;
  }
  const fraction = totalBytes > 0 ? Math.min(1, Math.max(0, bytesDone / totalBytes)) : 1;
  const filled = Math.floor(fraction * width);
  const unit = unitFor(totalBytes);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
  return `[${bar}] ${Math.floor(fraction * 100)}% ${inUnit(bytesDone, unit)}/${inUnit(totalBytes, unit)} ${UNITS[unit]}`;
}

/** The index in UNITS of the largest unit `bytes` is at least one of. */
function unitFor(bytes: number): number {
  let unit = 0;
  while (unit < UNITS.length - 1 && bytes >= 1024 ** (unit + 1)) unit++;
  return unit;
}

function inUnit(bytes: number, unit: number): string {
  return unit === 0 ? String(bytes) : (bytes / 1024 ** unit).toFixed(1);
}
