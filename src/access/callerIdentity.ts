import { AuthenticationError } from '../auth/authenticationError';
import type { Authenticator } from '../auth/authenticator';
import type { Caller } from '../auth/caller';
import { GatewayError } from '../errors';

/** Why a request is refused as a whole before anything runs, the same on every transport. */
export interface CallerRefusal {
  status: 401 | 503;
  code: 'UNAUTHENTICATED' | 'UPSTREAM_UNAVAILABLE';
  message: string;
  headers: Record<string, string>;
}

/** Seconds a client is asked to wait while the issuer's keys cannot be had. */
const ISSUER_RETRY_AFTER_SECONDS = 5;

/**
 * The caller behind an `Authorization` value (HTTP header, WebSocket upgrade header or
 * graphql-ws `connection_init` payload alike). No token is an anonymous caller, who still reaches
 * every unguarded field; a token that does not verify refuses the whole request (401 with the
 * RFC 6750 challenge), as Apollo Router does, because the client believes it is signed in.
 */
export async function identifyCaller(authenticator: Authenticator, authorization: unknown): Promise<{ caller: Caller } | { refusal: CallerRefusal }> {
  try {
    return { caller: await authenticator.authenticate(typeof authorization === 'string' ? authorization : undefined) };
  } catch (error) {
    if (error instanceof AuthenticationError) {
      return { refusal: { status: 401, code: 'UNAUTHENTICATED', message: error.message, headers: { 'www-authenticate': error.challenge } } };
    }
    if (error instanceof GatewayError && error.code === 'UPSTREAM_UNAVAILABLE') {
      return { refusal: { status: 503, code: 'UPSTREAM_UNAVAILABLE', message: error.message, headers: { 'retry-after': String(ISSUER_RETRY_AFTER_SECONDS) } } };
    }
    throw error;
  }
}
