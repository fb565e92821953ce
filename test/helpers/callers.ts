import type { ExecutionResult } from 'graphql';
import type { Caller } from '../../src/auth/caller';

/** A caller with a verified token holding these scopes (what the transports make of a valid JWT). */
export function tokenCaller(...scopes: string[]): Caller {
  return { kind: 'token', sub: 'user-1', clientId: 'test-client', scopes: new Set(scopes), expiresAt: Date.now() + 60_000 };
}

/** Each error of a result as [path, code], sorted by path: resolvers may finish in any order. */
export function refusals(result: ExecutionResult): Array<[string | undefined, unknown]> {
  return (result.errors ?? [])
    .map((error): [string | undefined, unknown] => [error.path?.join('.'), error.extensions['code']])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
}
