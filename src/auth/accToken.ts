import { GatewayError } from '../errors';

/** The request header that carries the caller's own ACC (Autodesk) access token. */
export const ACC_TOKEN_HEADER = 'x-acc-token';

// RFC 6750 b64token: what a bearer token may contain, so nothing else reaches ACC's header.
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The caller's ACC token. ACC photos are read in the user's context, so the gateway forwards
 * the token it was given rather than holding one. Checked lazily: a query that touches no ACC
 * field needs none. The token is never put in a message, log line or error.
 */
export class AccToken {
  private constructor(private readonly token: string | undefined) {}

  /** Accepts the bare token or `Bearer <token>`. */
  static fromHeader(value: string | string[] | undefined): AccToken {
    const raw = Array.isArray(value) ? value[0] : value;
    return new AccToken(raw?.trim().replace(/^Bearer\s+/i, '') || undefined);
  }

  require(): string {
    if (this.token === undefined) {
      throw new GatewayError('UNAUTHENTICATED', `ACC fields need your Autodesk access token in the \`${ACC_TOKEN_HEADER}\` header.`);
    }
    if (!BEARER_TOKEN.test(this.token)) {
      throw new GatewayError('UNAUTHENTICATED', `The \`${ACC_TOKEN_HEADER}\` header is not a bearer token.`);
    }
    return this.token;
  }
}
