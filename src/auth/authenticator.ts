import { errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyOptions } from 'jose';
import type { AuthConfig, JwtOptions } from '../config';
import { GatewayError } from '../errors';
import type { Logger } from '../observability/logger';
import { AuthenticationError } from './authenticationError';
import { ANONYMOUS, UNCHECKED } from './caller';
import type { Caller } from './caller';
import { IssuerKeys } from './jwks';
import { VerifiedTokens } from './verifiedTokens';
import type { TokenCaller } from './verifiedTokens';

/** Establishes who makes a request, for every transport alike. */
export interface Authenticator {
  /**
   * The caller an `Authorization` header value names (over WebSocket: connection_init's
   * `authorization`, same format). Unset or empty: ANONYMOUS. Throws AuthenticationError for a
   * header that is not `Bearer <token>` or a token that does not verify, and GatewayError
   * UPSTREAM_UNAVAILABLE when the issuer's keys cannot be had.
   */
  authenticate(authorization: string | undefined): Promise<Caller>;
}

/** The demo mode is resolved by the app into `jwt` against its embedded issuer. */
export type AuthenticatorOptions = Exclude<AuthConfig, { mode: 'demo' }>;

export function createAuthenticator(options: AuthenticatorOptions, logger: Logger): Authenticator {
  // AUTH_DISABLED: a router in front authenticates; whatever a request carries, it is the gateway's.
  if (options.mode === 'disabled') return { authenticate: async () => UNCHECKED };
  return new JwtAuthenticator(options.jwt, logger);
}

/** RFC 6750 section 2.1: `Bearer` (any case), one or more spaces, a b64token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

class JwtAuthenticator implements Authenticator {
  private readonly keys: IssuerKeys;
  private readonly verified = new VerifiedTokens();
  private readonly verifyOptions: JWTVerifyOptions;

  constructor(options: JwtOptions, logger: Logger) {
    this.keys = new IssuerKeys({ jwksUrl: options.jwksUrl, cooldownMs: options.jwksCooldownMs, maxAgeMs: options.jwksMaxAgeMs }, logger);
    this.verifyOptions = {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: options.algorithms,
      clockTolerance: options.clockSkewSeconds,
      requiredClaims: ['exp'],
    };
  }

  async authenticate(authorization: string | undefined): Promise<Caller> {
    if (!authorization) return ANONYMOUS;
    const token = BEARER.exec(authorization)?.[1];
    if (!token) throw new AuthenticationError('invalid_request', 'The Authorization header must be Bearer followed by an access token');
    return this.verified.remember(token, async () => callerOf(await this.verify(token)));
  }

  private async verify(token: string): Promise<JWTPayload> {
    try {
      return (await jwtVerify(token, this.keys.keyFor, this.verifyOptions)).payload;
    } catch (error) {
      // A token without `kid` that several of the issuer's keys could have signed: try each.
      if (error instanceof errors.JWKSMultipleMatchingKeys) return this.verifyWithAnyOf(token, error);
      throw refusal(error);
    }
  }

  private async verifyWithAnyOf(token: string, candidates: errors.JWKSMultipleMatchingKeys): Promise<JWTPayload> {
    for await (const key of candidates) {
      try {
        return (await jwtVerify(token, key, this.verifyOptions)).payload;
      } catch (error) {
        if (!(error instanceof errors.JWSSignatureVerificationFailed)) throw refusal(error);
      }
    }
    throw refusal(new errors.JWSSignatureVerificationFailed());
  }
}

function callerOf(claims: JWTPayload): TokenCaller {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const scope = text(claims.scope);
  return {
    kind: 'token',
    sub: text(claims.sub),
    clientId: text(claims.client_id) ?? text(claims.azp),
    scopes: new Set(scope?.split(' ').filter(Boolean)),
    // requiredClaims makes jose check that `exp` is there and a number.
    expiresAt: claims.exp! * 1000,
  };
}

/** What a failed verification answers: the issuer's outage as is, anything else the token's fault. */
function refusal(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new AuthenticationError('invalid_token', whyRefused(error), { cause: error });
}

/** A short, fixed sentence (never the token, never jose's own text, which may quote claims). */
function whyRefused(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'nbf':
        return 'The access token is not valid yet';
      case 'iss':
        return 'The access token is from another issuer';
      case 'aud':
        return 'The access token is for another audience';
      case 'exp':
        return 'The access token has no valid expiry';
      default:
        return 'The access token has an invalid claim';
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The access token is signed with an algorithm that is not allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The access token is signed with an unknown key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature is invalid';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'The access token is malformed';
  return 'The access token is invalid';
}
