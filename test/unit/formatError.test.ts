import { GraphQLError } from 'graphql';
import { GatewayError } from '../../src/errors';
import { formatError } from '../../src/graphql/errors';

/** As Apollo hands errors to formatError: the formatted shape plus the thrown error, wrapped. */
function thrown(error: Error) {
  const wrapped = new GraphQLError(error.message, { path: ['field'], originalError: error });
  return { formatted: { ...wrapped.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped };
}

describe('formatError', () => {
  it('keeps a GatewayError’s message and code and says which vendor failed', () => {
    const { formatted, wrapped } = thrown(new GatewayError('UPSTREAM_RATE_LIMITED', 'slow down', { upstream: 'acc', upstreamStatus: 429, retryAfterSeconds: 3 }));
    expect(formatError(formatted, wrapped, true)).toEqual({
      message: 'slow down',
      path: ['field'],
      extensions: { code: 'UPSTREAM_RATE_LIMITED', upstream: 'acc', upstreamStatus: 429, retryAfterSeconds: 3 },
    });
  });

  it('masks unexpected errors in production and keeps them in development', () => {
    const { formatted, wrapped } = thrown(new TypeError('Cannot read properties of undefined (reading "secret")'));
    expect(formatError(formatted, wrapped, true)).toEqual({ message: 'Internal server error', path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(formatError(formatted, wrapped, false).message).toContain('Cannot read properties');
  });
});
