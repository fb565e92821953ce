/**
 * Who makes a request, as the access layer established it once per request (HTTP) or per
 * connection (WebSocket). Resolvers never read tokens: they see a Caller.
 */
export type Caller =
  /** No access token was sent: only fields without @authenticated / @requiresScopes answer. */
  | { readonly kind: 'anonymous' }
  /** A verified access token. */
  | {
      readonly kind: 'token';
      /** The token's `sub`: the user (or, for client credentials, the client) it was issued to. */
      readonly sub: string | undefined;
      /** The OAuth client the token was issued to (`client_id`, else `azp`). */
      readonly clientId: string | undefined;
      /** The token's `scope` claim, split on spaces, as Apollo Router reads it. */
      readonly scopes: ReadonlySet<string>;
      /** When the token expires (`exp`), in milliseconds since the epoch. */
      readonly expiresAt: number;
    }
  /**
   * AUTH_DISABLED=true: the gateway does not check callers (a router in front does), so every
   * request is served as before authentication existed.
   */
  | { readonly kind: 'unchecked' };

export const ANONYMOUS: Caller = { kind: 'anonymous' };
export const UNCHECKED: Caller = { kind: 'unchecked' };

/** Who asked, for log lines: the token's subject and client, never the token itself. */
export function callerLogFields(caller: Caller): { caller: string; sub?: string; clientId?: string } {
  if (caller.kind !== 'token') return { caller: caller.kind };
  return { caller: 'token', sub: caller.sub, clientId: caller.clientId };
}
