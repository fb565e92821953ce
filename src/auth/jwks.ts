import { createLocalJWKSet, createRemoteJWKSet, errors } from 'jose';
import type { JWTVerifyGetKey, LocalJWKSet, RemoteJWKSet } from 'jose';
import { GatewayError } from '../errors';
import type { Logger } from '../observability/logger';

/** How long one JWKS fetch may take before it counts as failed. */
const JWKS_FETCH_TIMEOUT_MS = 5_000;

export interface IssuerKeysOptions {
  jwksUrl: string;
  /** Least time between two fetches, whatever asks for one (an unknown `kid`, old keys, an outage). */
  cooldownMs: number;
  /** Keys older than this are fetched again; while that fails, they stay in use. */
  maxAgeMs: number;
}

/**
 * The issuer's signing keys, for jose's `jwtVerify`. jose's remote set does the fetching (a
 * deadline, no redirects, a checked JWKS, one fetch at a time); this class decides when:
 * - keys are fetched on first use, again (behind the request) once older than `maxAgeMs`, and at once for a `kid`
 *   they do not hold (a rotation needs no restart), but never twice within `cooldownMs`, so
 *   tokens with made-up `kid`s cannot make the gateway hammer the issuer;
 * - when a fetch fails the last good keys keep working (jose's own set would refuse them once
 *   past their max age and refetch on every request): one warning when the outage starts, one
 *   line when it ends, and at most one attempt per cooldown in between;
 * - with no keys at all, or a `kid` only a refetch could find while the issuer is down, the
 *   answer is UPSTREAM_UNAVAILABLE, never an error blaming the caller's token.
 */
export class IssuerKeys {
  private readonly remote: RemoteJWKSet;
  private keys: LocalJWKSet | undefined;
  private fetchedAt = -Infinity;
  private attemptedAt = -Infinity;
  private pending: Promise<boolean> | undefined;
  private outageSince: number | undefined;

  constructor(
    private readonly options: IssuerKeysOptions,
    private readonly logger: Logger,
  ) {
    // Only its reload() and jwks() are used, so jose's own cooldown and max age never apply.
    this.remote = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: JWKS_FETCH_TIMEOUT_MS });
  }

  /** The key a token's header names: jwtVerify's key argument. */
  readonly keyFor: JWTVerifyGetKey = async (header, token) => {
    if (!this.keys) await this.refresh();
    // Old keys are refreshed behind the request: none waits for the issuer while keys are held.
    else if (Date.now() - this.fetchedAt >= this.options.maxAgeMs) void this.refresh();
    try {
      return await this.held()(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      if (await this.refresh()) return this.held()(header, token);
      if (this.outageSince !== undefined) throw unavailable();
      throw error;
    }
  };

  private held(): LocalJWKSet {
    if (!this.keys) throw unavailable();
    return this.keys;
  }

  /** Fetches the keys unless a fetch is under way (then waits for it) or was tried within the cooldown; true when new keys arrived. */
  private refresh(): Promise<boolean> {
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetch(): Promise<boolean> {
    if (Date.now() - this.attemptedAt < this.options.cooldownMs) return false;
    this.attemptedAt = Date.now();
    try {
      await this.remote.reload();
    } catch (error) {
      if (this.outageSince === undefined) {
        this.outageSince = Date.now();
        this.logger.warn(
          { jwksUrl: this.options.jwksUrl, reason: error instanceof Error ? error.message : String(error), keysHeld: this.keys !== undefined },
          `Token issuer's JWKS unreachable: ${this.keys ? 'verifying with the last keys fetched' : 'no keys yet, tokens cannot be verified'}; retrying at most every ${this.options.cooldownMs} ms`,
        );
      }
      return false;
    }
    this.keys = createLocalJWKSet(this.remote.jwks()!);
    this.fetchedAt = Date.now();
    if (this.outageSince !== undefined) {
      this.logger.info({ jwksUrl: this.options.jwksUrl, outageMs: this.fetchedAt - this.outageSince }, "Token issuer's JWKS reachable again");
      this.outageSince = undefined;
    }
    return true;
  }
}

function unavailable(): GatewayError {
  return new GatewayError('UPSTREAM_UNAVAILABLE', "The token issuer's keys cannot be fetched; try again later");
}
