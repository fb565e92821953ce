import { ALL_SCOPES } from '../src/auth/scopes';
import { startIssuerSimulator } from '../src/simulators/issuer/server';
import type { IssuerSimulator } from '../src/simulators/issuer/server';

/**
 * The benchmark's caller: a token issuer on loopback that every benchmarked gateway trusts
 * (production mode refuses to start without one), and one access token with every scope, sent
 * on every request as a frontend would. Started once per benchmark process.
 */
interface BenchCaller {
  issuer: IssuerSimulator;
  authorization: string;
}

let started: Promise<BenchCaller> | undefined;
let ready: BenchCaller | undefined;

async function start(): Promise<BenchCaller> {
  const issuer = await startIssuerSimulator();
  const token = await issuer.sign({ sub: 'bench', client_id: 'mediagraph-bench', scope: ALL_SCOPES.join(' ') }, { expiresInSeconds: 24 * 3600 });
  ready = { issuer, authorization: `Bearer ${token}` };
  return ready;
}

/** The AUTH_* environment of a gateway that trusts the bench issuer (started on first use). */
export async function benchAuthEnv(): Promise<Record<string, string>> {
  const { issuer } = await (started ??= start());
  return { AUTH_JWKS_URL: issuer.jwksUrl, AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: issuer.audience };
}

/** The Authorization header of the bench caller; requests go only to gateways started after benchAuthEnv(). */
export function benchAuthorization(): string {
  if (!ready) throw new Error('benchAuthEnv() was not awaited before the first request');
  return ready.authorization;
}

/** Closes the bench issuer, so the benchmark's process can exit. */
export async function closeBenchCaller(): Promise<void> {
  const caller = await started;
  started = undefined;
  ready = undefined;
  await caller?.issuer.close();
}
