import type { JwtOptions, JwtTuning } from '../config';
import { startIssuerSimulator } from '../simulators/issuer/server';
import { ALL_SCOPES, READ_SCOPES } from './scopes';

/** Long enough for a working day with the printed tokens; a restart makes new keys and new tokens. */
const DEMO_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
const DEMO_CLIENT_ID = 'mediagraph-demo';

/** Access tokens of the embedded demo issuer, printed at startup. */
export interface DemoTokens {
  /** Every scope (sub `demo-editor`): preset in Apollo Sandbox. */
  full: string;
  /** The read scopes only (sub `demo-viewer`). */
  readOnly: string;
}

export interface DemoIssuer {
  /** Verifies tokens against the demo issuer, with the configured tuning (AUTH_ALGORITHMS, …). */
  jwt: JwtOptions;
  tokens: DemoTokens;
  close(): Promise<void>;
}

/**
 * Demo mode (no AUTH_* outside production): an issuer simulator on loopback, its JWKS fetched
 * like any issuer's, and two demo callers' tokens. Its keys live in this process only.
 */
export async function startDemoIssuer(tuning: JwtTuning): Promise<DemoIssuer> {
  const issuer = await startIssuerSimulator();
  const token = (sub: string, scopes: readonly string[]) =>
    issuer.sign({ sub, client_id: DEMO_CLIENT_ID, scope: scopes.join(' ') }, { expiresInSeconds: DEMO_TOKEN_LIFETIME_SECONDS });
  return {
    jwt: { jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: [issuer.audience], ...tuning },
    tokens: { full: await token('demo-editor', ALL_SCOPES), readOnly: await token('demo-viewer', READ_SCOPES) },
    close: () => issuer.close(),
  };
}
