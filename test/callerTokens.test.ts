import { setTimeout as sleep } from 'node:timers/promises';
import { base64url } from 'jose';
import { startApp } from '../src/app';
import { AuthenticationError } from '../src/auth/authenticationError';
import { createAuthenticator } from '../src/auth/authenticator';
import type { Authenticator } from '../src/auth/authenticator';
import { ANONYMOUS, UNCHECKED } from '../src/auth/caller';
import type { Caller } from '../src/auth/caller';
import { ALL_SCOPES, READ_SCOPES } from '../src/auth/scopes';
import { VerifiedTokens } from '../src/auth/verifiedTokens';
import type { TokenCaller } from '../src/auth/verifiedTokens';
import { ASYMMETRIC_JWS_ALGORITHMS, loadConfig } from '../src/config';
import type { JwtOptions } from '../src/config';
import { GatewayError } from '../src/errors';
import { createLogger } from '../src/observability/logger';
import type { Logger } from '../src/observability/logger';
import { startIssuerSimulator } from '../src/simulators/issuer/server';
import type { IssuerAlgorithm, IssuerSimulator, IssuerSimulatorOptions } from '../src/simulators/issuer/server';
import { hmacWithPublicKey, nowSeconds, unsigned } from './helpers/forgedTokens';
import { captureLogs } from './helpers/logCapture';
import { waitFor } from './helpers/waitFor';

const silent = createLogger('silent');

function authenticatorFor(issuer: IssuerSimulator, tuning: Partial<JwtOptions> = {}, logger: Logger = silent): Authenticator {
  return createAuthenticator(
    {
      mode: 'jwt',
      jwt: {
        jwksUrl: issuer.jwksUrl,
        issuer: issuer.issuer,
        audience: [issuer.audience],
        algorithms: [...ASYMMETRIC_JWS_ALGORITHMS],
        clockSkewSeconds: 30,
        jwksCooldownMs: 30_000,
        jwksMaxAgeMs: 600_000,
        ...tuning,
      },
    },
    logger,
  );
}

/** Runs `use` against an issuer simulator of its own, closed afterwards. */
async function withIssuer(use: (issuer: IssuerSimulator) => Promise<void>, options?: IssuerSimulatorOptions): Promise<void> {
  const issuer = await startIssuerSimulator(options);
  try {
    await use(issuer);
  } finally {
    await issuer.close();
  }
}

/** What `authenticate` threw (fails the test when it answered instead). */
async function refusal(pending: Promise<Caller>): Promise<GatewayError> {
  const outcome = await pending.then(
    (caller) => new Error(`authenticated as ${JSON.stringify(caller)}`),
    (error: unknown) => error,
  );
  if (!(outcome instanceof GatewayError)) throw outcome;
  return outcome;
}

/** Refused as RFC 6750's invalid_token, with this description, and nothing of the token shown. */
async function expectInvalidToken(authenticator: Authenticator, token: string, description: string): Promise<void> {
  const error = await refusal(authenticator.authenticate(`Bearer ${token}`));
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ code: 'UNAUTHENTICATED', bearerError: 'invalid_token', message: description });
  expect((error as AuthenticationError).challenge).toBe(`Bearer realm="mediagraph", error="invalid_token", error_description="${description}"`);
  for (const part of token.split('.').filter((part) => part.length > 8)) {
    expect(error.message + (error as AuthenticationError).challenge).not.toContain(part);
  }
}

/** The public key the issuer publishes, as anyone can fetch it. */


describe.each<IssuerAlgorithm>(['ES256', 'RS256'])('access tokens signed %s', (algorithm) => {
  let issuer: IssuerSimulator;
  let authenticator: Authenticator;

  beforeAll(async () => {
    issuer = await startIssuerSimulator({ algorithm });
  });
  afterAll(() => issuer.close());
  beforeEach(() => {
    authenticator = authenticatorFor(issuer);
  });

  it('verifies a token into its caller: sub, client id, scopes, expiry', async () => {
    const token = await issuer.sign({ sub: 'user-42', client_id: 'frontend', scope: 'materials:read  assets:read' }, { expiresInSeconds: 600 });
    const caller = await authenticator.authenticate(`Bearer ${token}`);
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp as number;
    expect(caller).toEqual({ kind: 'token', sub: 'user-42', clientId: 'frontend', scopes: new Set(['materials:read', 'assets:read']), expiresAt: exp * 1000 });
    expect(exp - nowSeconds()).toBeGreaterThan(590);
  });

  it('reads the client from azp without client_id; no or a non-string scope is no scope', async () => {
    const azp = await authenticator.authenticate(`Bearer ${await issuer.sign({ sub: 'svc', azp: 'worker' })}`);
    expect(azp).toMatchObject({ kind: 'token', sub: 'svc', clientId: 'worker', scopes: new Set() });
    const arrayScope = await authenticator.authenticate(`Bearer ${await issuer.sign({ scope: ['assets:read'] })}`);
    expect(arrayScope).toMatchObject({ kind: 'token', sub: undefined, clientId: undefined, scopes: new Set() });
  });

  it('accepts the scheme in any case and an audience list naming it', async () => {
    const token = await issuer.sign({ aud: ['another-api', 'mediagraph'] });
    expect(await authenticator.authenticate(`bearer ${token}`)).toMatchObject({ kind: 'token' });
    const listed = authenticatorFor(issuer, { audience: ['api://media', 'mediagraph'] });
    expect(await listed.authenticate(`BEARER  ${await issuer.sign()}`)).toMatchObject({ kind: 'token' });
  });

  it('refuses an expired token, and accepts one expired within the clock skew', async () => {
    await expectInvalidToken(authenticator, await issuer.sign({}, { expiresInSeconds: -31 }), 'The access token expired');
    expect(await authenticator.authenticate(`Bearer ${await issuer.sign({}, { expiresInSeconds: -20 })}`)).toMatchObject({ kind: 'token' });
  });

  it('refuses a token not valid yet beyond the clock skew, and accepts one within it', async () => {
    await expectInvalidToken(authenticator, await issuer.sign({}, { notBefore: 120 }), 'The access token is not valid yet');
    expect(await authenticator.authenticate(`Bearer ${await issuer.sign({}, { notBefore: 20 })}`)).toMatchObject({ kind: 'token' });
    const strict = authenticatorFor(issuer, { clockSkewSeconds: 0 });
    await expectInvalidToken(strict, await issuer.sign({}, { notBefore: 20 }), 'The access token is not valid yet');
  });

  it('refuses a token from another issuer, even signed with the trusted key', async () => {
    await expectInvalidToken(authenticator, await issuer.sign({ iss: 'https://login.evil.example/' }), 'The access token is from another issuer');
    await expectInvalidToken(authenticator, await issuer.sign({ iss: undefined }), 'The access token is from another issuer');
  });

  it('refuses a token for another audience', async () => {
    await expectInvalidToken(authenticator, await issuer.sign({ aud: 'billing-api' }), 'The access token is for another audience');
    await expectInvalidToken(authenticator, await issuer.sign({ aud: undefined }), 'The access token is for another audience');
  });

  it('refuses a token without exp', async () => {
    await expectInvalidToken(authenticator, await issuer.sign({ exp: undefined }), 'The access token has no valid expiry');
  });

  it("refuses alg none, without asking the issuer's JWKS", async () => {
    const before = issuer.jwksRequests;
    const claims = { iss: issuer.issuer, aud: issuer.audience, sub: 'mallory', scope: ALL_SCOPES.join(' '), exp: nowSeconds() + 300 };
    for (const alg of ['none', 'None', 'NONE']) {
      await expectInvalidToken(authenticator, unsigned({ alg, typ: 'JWT', kid: issuer.kid }, claims), 'The access token is signed with an algorithm that is not allowed');
    }
    expect(issuer.jwksRequests).toBe(before);
  });

  it('refuses HS256 signed with the published public key as the secret (PEM and JWK forms)', async () => {
    for (const forged of await hmacWithPublicKey(issuer, { sub: 'mallory', scope: ALL_SCOPES.join(' ') })) {
      await expectInvalidToken(authenticator, forged, 'The access token is signed with an algorithm that is not allowed');
    }
  });

  it('refuses a tampered token and one signed by a key the issuer never published', async () => {
    const [header, , signature] = (await issuer.sign({ scope: 'assets:read' })).split('.');
    const claims = { iss: issuer.issuer, aud: issuer.audience, exp: nowSeconds() + 300, scope: ALL_SCOPES.join(' ') };
    await expectInvalidToken(authenticator, `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`, 'The access token signature is invalid');

    // The impostor names the trusted key's kid: the signature, not the header, decides.
    await withIssuer(async (impostor) => {
      await expectInvalidToken(authenticator, await impostor.sign({ iss: issuer.issuer }, { kid: issuer.kid }), 'The access token signature is invalid');
    }, { algorithm });
  });

  it('refuses a kid the JWKS does not hold after one refetch, and refetches no more within the cooldown', async () => {
    const before = issuer.jwksRequests;
    const cooling = authenticatorFor(issuer, { jwksCooldownMs: 500 });
    const madeUp = await Promise.all(Array.from({ length: 20 }, (_, n) => issuer.sign({}, { kid: `made-up-${n}` })));
    await cooling.authenticate(`Bearer ${await issuer.sign()}`);
    await sleep(550);
    await expectInvalidToken(cooling, await issuer.sign({}, { kid: 'made-up' }), 'The access token is signed with an unknown key');
    expect(issuer.jwksRequests).toBe(before + 2);
    await Promise.all(madeUp.map((token) => expectInvalidToken(cooling, token, 'The access token is signed with an unknown key')));
    expect(issuer.jwksRequests).toBe(before + 2);
  });
});

describe('the JWKS over time (a new issuer for each test)', () => {
  let issuer: IssuerSimulator;
  beforeEach(async () => {
    issuer = await startIssuerSimulator();
  });
  afterEach(() => issuer.close());

  describe('the issuer rotates its key mid-run', () => {
    it('accepts the new kid after a refetch, and refetches at most once per cooldown', async () => {
      const authenticator = authenticatorFor(issuer, { jwksCooldownMs: 500 });
      const before = await issuer.sign({ sub: 'before' });
      expect(await authenticator.authenticate(`Bearer ${before}`)).toMatchObject({ sub: 'before' });
      expect(issuer.jwksRequests).toBe(1);

      await sleep(550);
      await issuer.rotate();
      const afterFirst = await Promise.all(Array.from({ length: 10 }, (_, n) => issuer.sign({ sub: `after-${n}` })));
      const callers = await Promise.all(afterFirst.map((token) => authenticator.authenticate(`Bearer ${token}`)));
      expect(callers.map((caller) => caller.kind === 'token' && caller.sub)).toEqual(afterFirst.map((_, n) => `after-${n}`));
      expect(issuer.jwksRequests).toBe(2);

      // Rotated again at once: within the cooldown the new kid is unknown, and no fetch is made.
      await issuer.rotate();
      const second = await issuer.sign({ sub: 'second' });
      await expectInvalidToken(authenticator, second, 'The access token is signed with an unknown key');
      expect(issuer.jwksRequests).toBe(2);
      await sleep(550);
      expect(await authenticator.authenticate(`Bearer ${second}`)).toMatchObject({ sub: 'second' });
      expect(issuer.jwksRequests).toBe(3);

      // A token of a retired key was verified before: it stays good until its exp (cached)…
      expect(await authenticator.authenticate(`Bearer ${before}`)).toMatchObject({ sub: 'before' });
      // …but a new one signed with a key no longer published is not.
      const retired = authenticatorFor(issuer);
      await expectInvalidToken(retired, await issuer.sign({}, { kid: 'retired' }), 'The access token is signed with an unknown key');
    });

    it('verifies tokens without kid against every published key', async () => {
      const authenticator = authenticatorFor(issuer);
      const oldKey = await issuer.sign({ sub: 'old-key' }, { kid: false });
      await issuer.rotate({ keepPrevious: true });
      const newKey = await issuer.sign({ sub: 'new-key' }, { kid: false });
      expect(await authenticator.authenticate(`Bearer ${oldKey}`)).toMatchObject({ sub: 'old-key' });
      expect(await authenticator.authenticate(`Bearer ${newKey}`)).toMatchObject({ sub: 'new-key' });
      await withIssuer(async (impostor) => {
        await expectInvalidToken(authenticator, await impostor.sign({ iss: issuer.issuer }, { kid: false }), 'The access token signature is invalid');
      });
    });
  });

  describe('the JWKS is down', () => {
    it.each([
      ['answers 503', (down: IssuerSimulator) => void (down.down = true)],
      ['cuts connections', (down: IssuerSimulator) => down.faults.inject({ kind: 'reset' })],
    ])('when it %s, the cached keys keep verifying, fetches stay bounded, one warning', async (_, takeDown) => {
      const logs = captureLogs('info');
      const authenticator = authenticatorFor(issuer, { jwksMaxAgeMs: 100, jwksCooldownMs: 200 }, logs.logger);
      expect(await authenticator.authenticate(`Bearer ${await issuer.sign({ sub: 'first' })}`)).toMatchObject({ sub: 'first' });
      takeDown(issuer);
      await sleep(150);

      const started = Date.now();
      const callers: Caller[] = [];
      while (Date.now() - started < 700) {
        callers.push(await authenticator.authenticate(`Bearer ${await issuer.sign({ sub: `during-${callers.length}` })}`));
        await sleep(10);
      }
      expect(callers.length).toBeGreaterThan(20);
      expect(callers.every((caller) => caller.kind === 'token')).toBe(true);
      // One fetch per cooldown (200 ms) over ~850 ms, whatever the number of requests.
      const fetchesWhileDown = issuer.jwksRequests - 1;
      expect(fetchesWhileDown).toBeGreaterThanOrEqual(2);
      expect(fetchesWhileDown).toBeLessThanOrEqual(6);
      const warnings = logs.lines().filter((line) => line.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ jwksUrl: issuer.jwksUrl, keysHeld: true });

      // A kid only a refetch could find is not the caller's fault while the issuer is down.
      const unknown = await refusal(authenticator.authenticate(`Bearer ${await issuer.sign({}, { kid: 'rotated-meanwhile' })}`));
      expect(unknown).not.toBeInstanceOf(AuthenticationError);
      expect(unknown.code).toBe('UPSTREAM_UNAVAILABLE');

      issuer.down = false;
      issuer.faults.clear();
      await sleep(250);
      await authenticator.authenticate(`Bearer ${await issuer.sign()}`);
      await waitFor(() => logs.lines().some((line) => line.msg === "Token issuer's JWKS reachable again"));
      expect(logs.lines().filter((line) => line.level === 'warn')).toHaveLength(1);
    });

    it('with no keys yet, answers UPSTREAM_UNAVAILABLE (not the token’s fault), retrying once per cooldown', async () => {
      const logs = captureLogs('info');
      const authenticator = authenticatorFor(issuer, { jwksCooldownMs: 300 }, logs.logger);
      issuer.down = true;
      const token = await issuer.sign();
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const error = await refusal(authenticator.authenticate(`Bearer ${token}`));
        expect(error).not.toBeInstanceOf(AuthenticationError);
        expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: "The token issuer's keys cannot be fetched; try again later" });
      }
      expect(issuer.jwksRequests).toBe(1);
      expect(logs.lines().filter((line) => line.level === 'warn')).toMatchObject([{ keysHeld: false }]);

      issuer.down = false;
      await sleep(350);
      expect(await authenticator.authenticate(`Bearer ${token}`)).toMatchObject({ kind: 'token' });
      expect(issuer.jwksRequests).toBe(2);
    });

    it('with nothing listening at the JWKS URL (connection refused), answers UPSTREAM_UNAVAILABLE', async () => {
      const gone = await startIssuerSimulator();
      const token = await gone.sign();
      await gone.close();
      const error = await refusal(authenticatorFor(gone).authenticate(`Bearer ${token}`));
      expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      expect(error).not.toBeInstanceOf(AuthenticationError);
    });

    it('serves concurrent first requests from one fetch', async () => {
      const authenticator = authenticatorFor(issuer);
      const tokens = await Promise.all(Array.from({ length: 25 }, (_, n) => issuer.sign({ sub: `concurrent-${n}` })));
      const callers = await Promise.all(tokens.map((token) => authenticator.authenticate(`Bearer ${token}`)));
      expect(callers.every((caller) => caller.kind === 'token')).toBe(true);
      expect(issuer.jwksRequests).toBe(1);
    });
  });
});

describe('one issuer for the whole block', () => {
  let issuer: IssuerSimulator;
  beforeAll(async () => {
    issuer = await startIssuerSimulator();
  });
  afterAll(() => issuer.close());

  describe('verified tokens are cached until their exp', () => {
    it('answers a repeat token with no JWKS request and no signature check, much cheaper', async () => {
      const authenticator = authenticatorFor(issuer);
      const tokens = await Promise.all(Array.from({ length: 200 }, (_, n) => issuer.sign({ sub: `user-${n}`, scope: 'assets:read' })));
      await authenticator.authenticate(`Bearer ${tokens[0]}`);

      const signatureChecks = jest.spyOn(globalThis.crypto.subtle, 'verify');
      try {
        let started = process.hrtime.bigint();
        for (const token of tokens.slice(1)) await authenticator.authenticate(`Bearer ${token}`);
        const uncachedNs = Number(process.hrtime.bigint() - started) / (tokens.length - 1);
        expect(signatureChecks).toHaveBeenCalledTimes(tokens.length - 1);

        signatureChecks.mockClear();
        const fetches = issuer.jwksRequests;
        started = process.hrtime.bigint();
        for (const token of tokens.slice(1)) await authenticator.authenticate(`Bearer ${token}`);
        const cachedNs = Number(process.hrtime.bigint() - started) / (tokens.length - 1);
        expect(signatureChecks).not.toHaveBeenCalled();
        expect(issuer.jwksRequests).toBe(fetches);
        expect(cachedNs * 2).toBeLessThan(uncachedNs);
      } finally {
        signatureChecks.mockRestore();
      }
    });

    it('refuses a cached token once it expired', async () => {
      const authenticator = authenticatorFor(issuer, { clockSkewSeconds: 0 });
      const token = await issuer.sign({ sub: 'short-lived' }, { expiresInSeconds: 1 });
      const caller = await authenticator.authenticate(`Bearer ${token}`);
      expect(caller).toMatchObject({ sub: 'short-lived' });
      await sleep((caller as TokenCaller).expiresAt - Date.now() + 20);
      await expectInvalidToken(authenticator, token, 'The access token expired');
    });

    it('keeps at most its bound, forgetting the oldest first', async () => {
      const cache = new VerifiedTokens(2);
      let verifications = 0;
      const verify = (sub: string) => async (): Promise<TokenCaller> => {
        verifications += 1;
        return { kind: 'token', sub, clientId: undefined, scopes: new Set(), expiresAt: Date.now() + 60_000 };
      };
      for (const token of ['a', 'b', 'a', 'c', 'b', 'a']) await cache.remember(token, verify(token));
      // a, b verified; a cached; c evicts a; b cached; a verified again (evicting b).
      expect(verifications).toBe(4);
      expect(cache.size).toBe(2);
    });
  });

  describe('Authorization headers', () => {
    let authenticator: Authenticator;
    beforeAll(() => {
      authenticator = authenticatorFor(issuer);
    });

    it('no header, or an empty one, is the anonymous caller', async () => {
      expect(await authenticator.authenticate(undefined)).toBe(ANONYMOUS);
      expect(await authenticator.authenticate('')).toBe(ANONYMOUS);
    });

    it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearertoken', 'Bearer a b', 'Bearer a"b', 'Token abc.def.ghi', ' ', 'Bearer\tabc', 'Bearer ==abc'])(
      'refuses %j as invalid_request',
      async (header) => {
        const error = await refusal(authenticator.authenticate(header));
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error).toMatchObject({ code: 'UNAUTHENTICATED', bearerError: 'invalid_request' });
        expect((error as AuthenticationError).challenge).toBe(
          'Bearer realm="mediagraph", error="invalid_request", error_description="The Authorization header must be Bearer followed by an access token"',
        );
      },
    );

    it.each([
      ['not a JWT', 'abc'],
      ['two parts', 'abc.def'],
      ['four parts', 'a.b.c.d'],
      ['a header that is not JSON', `${base64url.encode('{"alg":')}.e30.c2ln`],
      ['a header without alg', `${base64url.encode('{"typ":"JWT"}')}.e30.c2ln`],
      ['an alg that is not a string', `${base64url.encode('{"alg":256}')}.e30.c2ln`],
      ['a header that is a JSON array', `${base64url.encode('["ES256"]')}.e30.c2ln`],
    ])('refuses a malformed token (%s) as invalid_token, without a JWKS request', async (_, token) => {
      const before = issuer.jwksRequests;
      const error = await refusal(authenticator.authenticate(`Bearer ${token}`));
      expect(error).toMatchObject({ code: 'UNAUTHENTICATED', bearerError: 'invalid_token' });
      expect(error.message).toMatch(/^The access token (is malformed|is signed with an algorithm that is not allowed)$/);
      expect(issuer.jwksRequests).toBe(before);
    });

    it('AUTH_DISABLED: every caller is unchecked, whatever it sends', async () => {
      const disabled = createAuthenticator({ mode: 'disabled' }, silent);
      const before = issuer.jwksRequests;
      for (const header of [undefined, '', `Bearer ${await issuer.sign()}`, 'Bearer garbage', 'Basic x']) {
        expect(await disabled.authenticate(header)).toBe(UNCHECKED);
      }
      expect(issuer.jwksRequests).toBe(before);
    });
  });
});

describe('demo mode', () => {
  it('starts an embedded issuer and verifies its two demo tokens; Sandbox gets the full one', async () => {
    const app = await startApp(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }));
    try {
      const { full, readOnly } = app.demoTokens!;
      expect(app.demoHeaders.authorization).toBe(`Bearer ${full}`);
      const editor = await app.authenticator.authenticate(`Bearer ${full}`);
      expect(editor).toMatchObject({ kind: 'token', sub: 'demo-editor', clientId: 'mediagraph-demo', scopes: new Set(ALL_SCOPES) });
      const viewer = await app.authenticator.authenticate(`Bearer ${readOnly}`);
      expect(viewer).toMatchObject({ kind: 'token', sub: 'demo-viewer', scopes: new Set(READ_SCOPES) });
      const hours = ((editor as TokenCaller).expiresAt - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(11.9);
      expect(hours).toBeLessThanOrEqual(12);
    } finally {
      await app.stop();
    }
  });

  it('has no demo issuer with AUTH_DISABLED', async () => {
    const app = await startApp(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', AUTH_DISABLED: 'true' }));
    try {
      expect(app.demoTokens).toBeUndefined();
      expect(app.demoHeaders.authorization).toBeUndefined();
      expect(await app.authenticator.authenticate('Bearer anything')).toBe(UNCHECKED);
    } finally {
      await app.stop();
    }
  });
});
