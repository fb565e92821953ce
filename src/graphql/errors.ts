import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { GatewayError } from '../errors';

/**
 * Every error a client sees goes through here. GatewayErrors keep their message and code and
 * say which vendor failed; anything else is a bug, masked in production.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, maskInternals: boolean): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GatewayError) {
    return {
      ...formatted,
      message: original.message,
      extensions: { ...formatted.extensions, code: original.code, ...original.details },
    };
  }
  if (maskInternals && formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return formatted;
}

/** The `extensions.code` a client sees for an error, before formatting (for logs and metrics). */
export function errorCode(error: GraphQLError): string {
  const original = unwrapResolverError(error);
  if (original instanceof GatewayError) return original.code;
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}
