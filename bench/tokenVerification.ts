/**
 * What authentication costs per request: the gateway's Authenticator against a loopback issuer,
 * for a token seen for the first time (signature check) and for a repeat one (the verified-token
 * cache), side by side with a request without a token, for ES256 and RS256.
 */
import { createAuthenticator } from '../src/auth/authenticator';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/observability/logger';
import { startIssuerSimulator } from '../src/simulators/issuer/server';
import type { IssuerAlgorithm } from '../src/simulators/issuer/server';

const TOKENS = Number(process.env.BENCH_TOKENS ?? 2_000);

async function microsecondsEach(count: number, work: (index: number) => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < count; index += 1) await work(index);
  return Number(process.hrtime.bigint() - started) / 1e3 / count;
}

async function measure(algorithm: IssuerAlgorithm): Promise<string> {
  const issuer = await startIssuerSimulator({ algorithm });
  try {
    // Configured as a gateway would be, with the default tuning.
    const { auth } = loadConfig({ AUTH_JWKS_URL: issuer.jwksUrl, AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: issuer.audience });
    if (auth.mode !== 'jwt') throw new Error('the issuer configures jwt authentication');
    const authenticator = createAuthenticator(auth, createLogger('silent'));
    const headers = await Promise.all(Array.from({ length: TOKENS }, (_, index) => issuer.sign({ sub: `user-${index}`, scope: 'materials:read' }).then((token) => `Bearer ${token}`)));
    await authenticator.authenticate(headers[0]); // fetches the JWKS once
    const none = await microsecondsEach(TOKENS, () => authenticator.authenticate(undefined));
    const first = await microsecondsEach(TOKENS - 1, (index) => authenticator.authenticate(headers[index + 1]));
    const repeat = await microsecondsEach(TOKENS, (index) => authenticator.authenticate(headers[index]));
    return `| ${algorithm} | ${headers[1]!.length - 'Bearer '.length} B | ${none.toFixed(1)} µs | ${first.toFixed(1)} µs | ${repeat.toFixed(1)} µs |`;
  } finally {
    await issuer.close();
  }
}

async function main(): Promise<void> {
  console.log(`Token verification per request (${TOKENS} tokens each, one process, loopback issuer):\n`);
  console.log('| algorithm | token | no token | first sight (signature) | repeat (cached) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const algorithm of ['ES256', 'RS256'] as const) console.log(await measure(algorithm));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
