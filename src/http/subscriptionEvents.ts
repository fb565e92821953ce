import { createSourceEventStream, execute } from 'graphql';
import type { ExecutionArgs, ExecutionResult } from 'graphql';

/**
 * graphql-js's `subscribe`, except that each event executes with a context of its own: an event
 * is an operation of its own, with its own vendor-call cap, memory budget and DataLoader cache.
 * With one context for the whole subscription, a long watch would spend one request's call cap
 * across all its events and answer later events from the first one's cached loads.
 */
export async function subscribeWithContextPerEvent(
  args: ExecutionArgs,
  contextFor: () => unknown,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
  const events = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  // Hand-written rather than an async generator: `return()` must reach the source at once, even
  // while it waits for its next event (a generator would wait for that event first).
  const results: AsyncIterableIterator<ExecutionResult> = {
    next: async () => {
      const event = await events.next();
      if (event.done) return { value: undefined, done: true };
      return { value: await execute({ ...args, rootValue: event.value, contextValue: contextFor() }), done: false };
    },
    return: async () => {
      await events.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => results,
  };
  return results;
}
