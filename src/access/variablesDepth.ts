import { GraphQLError } from 'graphql';

/**
 * Deepest nesting of lists and objects a variable's value may have. The schema's deepest input
 * (a download order's conversion step with its JSON value) needs under 10; graphql-js coerces
 * values recursively, and a JSON value goes on to vendors as it is, so a value nested 100,000
 * deep would exhaust the stack there.
 */
export const MAX_VARIABLES_DEPTH = 32;

/**
 * Refuses variables nested deeper than MAX_VARIABLES_DEPTH, before graphql-js coerces them.
 * Walks the values with a stack of its own, never recursion, so any depth is safe to measure.
 * Transport-blind: HTTP and WebSocket call it with the request's `variables` as sent.
 */
export function variablesDepthError(variables: Readonly<Record<string, unknown>> | null | undefined): GraphQLError | undefined {
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (depthExceeds(value, MAX_VARIABLES_DEPTH)) {
      return new GraphQLError(`Variable "$${name}" is nested deeper than ${MAX_VARIABLES_DEPTH} levels.`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  }
  return undefined;
}

/** Whether lists and objects nest in `value` deeper than `max` (the value itself is level 1). */
function depthExceeds(value: unknown, max: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth > max) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}
