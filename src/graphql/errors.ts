import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { GatewayError } from '../errors';

/**
 * Every error a client sees goes through here, on every transport. GatewayErrors keep their
 * message and code and say which vendor failed; anything else is a bug, masked in production.
 * In production no message names a near-miss of the schema either.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GatewayError) {
    return {
      ...formatted,
      message: original.message,
      extensions: { ...formatted.extensions, code: original.code, ...original.details },
    };
  }
  const code = error instanceof GraphQLError ? errorCode(error) : formatted.extensions?.code;
  if (production && code === 'INTERNAL_SERVER_ERROR') {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return {
    ...formatted,
    message: production ? withoutSuggestions(formatted.message) : formatted.message,
    extensions: { ...formatted.extensions, code },
  };
}

/**
 * graphql-js names near-misses of fields, arguments, enum values and input fields ("Did you
 * mean \"photoIds\"?") in validation and variable errors alike; Apollo's
 * hideSchemaDetailsFromClientErrors removes them from validation errors only.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}

/**
 * A list entry that may fail, answered as its Error value rather than as a rejected promise:
 * graphql-js and graphql-jit both answer null with the error at that entry's path, while
 * graphql-jit (0.8.9) puts a rejected entry's null at the end of the list, shifting the others.
 */
export function entryOrError<T>(entry: Promise<T>): Promise<T> {
  // Both executors take an Error in place of a value; the generated resolver types do not say so.
  return entry.catch((error: unknown) => error) as Promise<T>;
}

/** The `extensions.code` a client sees for an error, before formatting (for logs and metrics). */
export function errorCode(error: GraphQLError): string {
  const original = unwrapResolverError(error);
  if (original instanceof GatewayError) return original.code;
  const code = error.extensions?.code;
  if (typeof code === 'string') return code;
  // Apollo refuses a few requests with a 4xx but no code (an APQ hash that is not its query's,
  // an unknown APQ version); without one it would answer INTERNAL_SERVER_ERROR.
  return isClientErrorStatus(error.extensions?.http) ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
}

/**
 * An error's message as a log line may print it. A refused input is often quoted in its message
 * (graphql-js prints a mistyped variable's value, our checks quote a bad id or cursor) and no
 * variable is ever logged, so such a line says only that the input was refused; its code, path
 * and operation say where.
 */
export function loggableMessage(error: GraphQLError): string {
  return errorCode(error) === 'BAD_USER_INPUT' ? 'input refused (the message is not logged: it may quote the input)' : error.message;
}

function isClientErrorStatus(http: unknown): boolean {
  const status = (http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
