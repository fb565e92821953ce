import { createHash } from 'node:crypto';
import type { Caller } from './caller';

export type TokenCaller = Extract<Caller, { kind: 'token' }>;

/**
 * Tokens already verified, each until its `exp`, so a caller's repeat request costs a hash
 * instead of a signature check. Keyed by the token's SHA-256: the tokens themselves are never
 * kept. Bounded: past `maxEntries` the oldest entry goes first.
 */
export class VerifiedTokens {
  private readonly callers = new Map<string, TokenCaller>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The caller `token` was verified as, or `verify`'s answer (remembered) when it was not. */
  async remember(token: string, verify: () => Promise<TokenCaller>): Promise<TokenCaller> {
    const key = createHash('sha256').update(token).digest('base64url');
    const known = this.callers.get(key);
    if (known && known.expiresAt > Date.now()) return known;
    this.callers.delete(key);
    const caller = await verify();
    if (this.callers.size >= this.maxEntries) this.callers.delete(this.callers.keys().next().value!);
    this.callers.set(key, caller);
    return caller;
  }

  get size(): number {
    return this.callers.size;
  }
}
