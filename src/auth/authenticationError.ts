import { GatewayError } from '../errors';

/** The realm every challenge names (RFC 6750 section 3). */
export const BEARER_REALM = 'mediagraph';

/** RFC 6750's error codes: a malformed Authorization header, or a token that does not verify. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token';

/**
 * A `WWW-Authenticate` value (RFC 6750 section 3). Without an error it is the challenge for a
 * request that sent no credentials, which the RFC says should carry no error code.
 */
export function bearerChallenge(error?: { code: BearerErrorCode; description: string }): string {
  const realm = `Bearer realm="${BEARER_REALM}"`;
  // Descriptions are our own fixed sentences: RFC 6750's charset, no quote or backslash.
  return error ? `${realm}, error="${error.code}", error_description="${error.description}"` : realm;
}

/**
 * A request whose credentials were refused: `extensions.code` UNAUTHENTICATED, and the
 * challenge the HTTP layer answers in `WWW-Authenticate`. The message is safe to show (it never
 * holds the token) and is the challenge's error_description.
 */
export class AuthenticationError extends GatewayError {
  /** The full `WWW-Authenticate` value, e.g. `Bearer realm="mediagraph", error="invalid_token", …`. */
  readonly challenge: string;

  constructor(
    readonly bearerError: BearerErrorCode,
    description: string,
    options?: { cause?: unknown },
  ) {
    super('UNAUTHENTICATED', description, {}, options);
    this.challenge = bearerChallenge({ code: bearerError, description });
  }
}
