import { SignJWT, base64url, exportSPKI, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { request } from 'undici';
import type { IssuerSimulator } from '../../src/simulators/issuer/server';

/** Tokens an attacker can make without the issuer's private key. */

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A JWT with this header and claims and no signature at all (`alg: none` and friends). */
export const unsigned = (header: object, claims: object) => `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}.`;

/** The issuer's current public key, as its JWKS publishes it: what anyone can read. */
export async function publishedKey(issuer: IssuerSimulator): Promise<JWK> {
  const response = await request(issuer.jwksUrl);
  const { keys } = (await response.body.json()) as { keys: JWK[] };
  return keys.find((key) => key.kid === issuer.kid)!;
}

/** HS256 tokens "signed" with the issuer's published public key as the HMAC secret, in each form a confused verifier might use. */
export async function hmacWithPublicKey(issuer: IssuerSimulator, claims: object): Promise<string[]> {
  const jwk = await publishedKey(issuer);
  const pem = await exportSPKI((await importJWK(jwk, issuer.algorithm)) as CryptoKey);
  const payload = { iss: issuer.issuer, aud: issuer.audience, exp: nowSeconds() + 300, ...claims };
  return Promise.all(
    [pem, pem.trim(), JSON.stringify(jwk), jwk.kty === 'RSA' ? jwk.n! : jwk.x!].map((secret) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: issuer.kid }).sign(new TextEncoder().encode(secret)),
    ),
  );
}
