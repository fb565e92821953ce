import { createSourceEventStream, execute } from 'graphql';
import type { ExecutionArgs, ExecutionResult, GraphQLError } from 'graphql';

/** When a subscription must end whatever its source does (its caller's token expires), and how. */
export interface SubscriptionEnd {
  /** Milliseconds since the epoch. */
  at: number;
  /** Sent as the subscription's last result. */
  error: GraphQLError;
}

/** setTimeout's longest delay; a later end is waited for in steps of it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * graphql-js's `subscribe`, except that each event executes with a context of its own: an event
 * is an operation of its own, with its own vendor-call cap, memory budget and DataLoader cache.
 * With one context for the whole subscription, a long watch would spend one request's call cap
 * across all its events and answer later events from the first one's cached loads.
 * With `end`, the subscription answers `end.error` at `end.at` and completes, even while its
 * source waits for an event.
 */
export async function subscribeWithContextPerEvent(
  args: ExecutionArgs,
  contextFor: () => unknown,
  end?: SubscriptionEnd,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
  const events = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const ended = end ? endOf(end.at) : undefined;
  let finished = false;
  const finish = async () => {
    finished = true;
    ended?.cancel();
    await events.return?.();
  };
  // Hand-written rather than an async generator: `return()` must reach the source at once, even
  // while it waits for its next event (a generator would wait for that event first).
  const results: AsyncIterableIterator<ExecutionResult> = {
    next: async () => {
      if (finished) return { value: undefined, done: true };
      const event = await (ended ? Promise.race([events.next(), ended.reached]) : events.next());
      if (event === ENDED) {
        await finish();
        return { value: { data: null, errors: [end!.error] }, done: false };
      }
      if (event.done) {
        ended?.cancel();
        return { value: undefined, done: true };
      }
      return { value: await execute({ ...args, rootValue: event.value, contextValue: contextFor() }), done: false };
    },
    return: async () => {
      await finish();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => results,
  };
  return results;
}

const ENDED = Symbol('ended');

function endOf(at: number): { reached: Promise<typeof ENDED>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<typeof ENDED>((resolve) => {
    const wait = () => {
      const left = at - Date.now();
      if (left <= 0) return resolve(ENDED);
      // Unreferenced: a pending end must not hold a stopping process open.
      timer = setTimeout(wait, Math.min(left, MAX_TIMER_MS)).unref();
    };
    wait();
  });
  return { reached, cancel: () => clearTimeout(timer) };
}
