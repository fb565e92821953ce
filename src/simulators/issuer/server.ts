import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { SimulatorHttpError, sendJson, startSimulatorServer } from '../http';
import type { FaultInjector } from '../faults';
import type { RecordedRequest, SimulatorOptions } from '../http';

/**
 * An OAuth 2 / OIDC issuer's public side, as the gateway sees one: OIDC discovery
 * (`/.well-known/openid-configuration`) and the JWKS (`/.well-known/jwks.json`) with the public
 * key of a key pair generated at start; `sign` mints access tokens with the private key, as the
 * issuer's token endpoint would. Keys rotate on demand, and `down` makes the issuer answer 503
 * (`faults` cuts connections instead). The demo mode verifies against it; tests count its JWKS
 * requests.
 */

export const JWKS_PATH = '/.well-known/jwks.json';
export const OPENID_CONFIGURATION_PATH = '/.well-known/openid-configuration';

export type IssuerAlgorithm = 'ES256' | 'RS256';

export interface IssuerSimulatorOptions extends SimulatorOptions {
  /** The signing algorithm of every key it makes. Default ES256. */
  algorithm?: IssuerAlgorithm;
  /** The `aud` its tokens carry unless told otherwise. Default 'mediagraph'. */
  audience?: string;
}

export interface IssueOptions {
  /** Seconds from now to `exp` (negative: already expired). Default 300. */
  expiresInSeconds?: number;
  /** Seconds from now to `nbf`. Unset: no `nbf`. */
  notBefore?: number;
  /** The `kid` the header names instead of the signing key's; `false`: no `kid` at all. */
  kid?: string | false;
}

export interface IssuerSimulator {
  /** The issuer identifier tokens carry in `iss`: the simulator's origin. */
  issuer: string;
  jwksUrl: string;
  audience: string;
  algorithm: IssuerAlgorithm;
  /** The `kid` of the key that signs now. */
  readonly kid: string;
  requests: RecordedRequest[];
  /** JWKS requests received so far, answered or not. */
  readonly jwksRequests: number;
  /** true: every request answers 503, as an issuer in an outage. */
  down: boolean;
  faults: FaultInjector;
  /**
   * An access token: `iss`, `aud`, `iat`, `exp` (and `nbf`) filled in, then `claims` over them,
   * so a test can set any of them, or remove one with `undefined`.
   */
  sign(claims?: JWTPayload, options?: IssueOptions): Promise<string>;
  /** A new signing key; the JWKS then lists only it, or also the previous ones (`keepPrevious`). Returns its kid. */
  rotate(options?: { keepPrevious?: boolean }): Promise<string>;
  close(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function startIssuerSimulator(options: IssuerSimulatorOptions = {}): Promise<IssuerSimulator> {
  const algorithm = options.algorithm ?? 'ES256';
  let current = await newSigningKey(algorithm);
  let published: SigningKey[] = [current];

  const server = await startSimulatorServer((request, response) => {
    if (simulator.down) throw new SimulatorHttpError(503, 'The issuer is unavailable');
    if (request.method !== 'GET') throw new SimulatorHttpError(405, 'Method not allowed');
    if (request.url.pathname === JWKS_PATH) return sendJson(response, 200, { keys: published.map((key) => key.publicJwk) });
    if (request.url.pathname === OPENID_CONFIGURATION_PATH) {
      return sendJson(response, 200, {
        issuer: server.url,
        jwks_uri: `${server.url}${JWKS_PATH}`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: [algorithm],
      });
    }
    throw new SimulatorHttpError(404, 'Not found');
  }, options);

  const simulator: IssuerSimulator = {
    issuer: server.url,
    jwksUrl: `${server.url}${JWKS_PATH}`,
    audience: options.audience ?? 'mediagraph',
    algorithm,
    get kid() {
      return current.kid;
    },
    requests: server.requests,
    get jwksRequests() {
      return server.requests.filter((request) => request.path === JWKS_PATH).length;
    },
    down: false,
    faults: server.faults,
    sign: async (claims = {}, { expiresInSeconds = 300, notBefore, kid } = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = {
        iss: simulator.issuer,
        aud: simulator.audience,
        iat: now,
        exp: now + expiresInSeconds,
        ...(notBefore === undefined ? {} : { nbf: now + notBefore }),
        ...claims,
      };
      const headerKid = kid === false ? {} : { kid: kid ?? current.kid };
      return new SignJWT(payload).setProtectedHeader({ alg: algorithm, typ: 'JWT', ...headerKid }).sign(current.privateKey);
    },
    rotate: async ({ keepPrevious = false } = {}) => {
      current = await newSigningKey(algorithm);
      published = keepPrevious ? [...published, current] : [current];
      return current.kid;
    },
    close: () => server.close(),
  };
  return simulator;
}

async function newSigningKey(algorithm: IssuerAlgorithm): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(algorithm);
  const jwk = await exportJWK(publicKey);
  // RFC 7638 thumbprints as kids: stable for a key, distinct between keys.
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: algorithm, use: 'sig' } };
}
