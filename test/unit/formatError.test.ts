import { GraphQLError } from 'graphql';
import { GatewayError } from '../../src/errors';
import { errorCode, formatError, loggableMessage, withoutSuggestions } from '../../src/graphql/errors';

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

  it('gives a codeless error Apollo answered with a 4xx the code BAD_REQUEST, unmasked', () => {
    const mismatch = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    const formatted = { message: mismatch.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(errorCode(mismatch)).toBe('BAD_REQUEST');
    expect(formatError(formatted, mismatch, true)).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
    expect(errorCode(new GraphQLError('no status, no code'))).toBe('INTERNAL_SERVER_ERROR');
  });

  it('removes every "Did you mean" from messages in production only', () => {
    const message = 'Variable "$f" got invalid value "NORMA" at "f.mediaTypes[0]"; Value "NORMA" does not exist in "PhotoMediaType" enum. Did you mean the enum value "NORMAL" or "VIDEO"?';
    expect(withoutSuggestions(message)).toBe('Variable "$f" got invalid value "NORMA" at "f.mediaTypes[0]"; Value "NORMA" does not exist in "PhotoMediaType" enum.');
    expect(withoutSuggestions('Cannot query field "tite" on type "Photo". Did you mean "title"?')).toBe('Cannot query field "tite" on type "Photo".');
    const error = new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
    expect(formatError({ message, extensions: { code: 'BAD_USER_INPUT' } }, error, true).message).not.toMatch(/Did you mean|NORMAL/);
    expect(formatError({ message, extensions: { code: 'BAD_USER_INPUT' } }, error, false).message).toBe(message);
  });

  it('logs no message of refused input, which may quote it, and every other message as it is', () => {
    expect(loggableMessage(new GraphQLError('Variable "$id" got invalid value "s3cret"', { extensions: { code: 'BAD_USER_INPUT' } }))).not.toContain('s3cret');
    const wrapped = new GraphQLError('"s3cret" is not a valid ID.', { path: ['node'], originalError: new GatewayError('BAD_USER_INPUT', '"s3cret" is not a valid ID.') });
    expect(loggableMessage(wrapped)).not.toContain('s3cret');
    expect(loggableMessage(new GraphQLError('Syntax Error: Expected Name, found <EOF>.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }))).toBe('Syntax Error: Expected Name, found <EOF>.');
  });
});
