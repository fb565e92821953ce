import { ASYMMETRIC_JWS_ALGORITHMS, ConfigError, loadConfig } from '../../src/config';

const ISSUER = {
  AUTH_JWKS_URL: 'https://login.example.com/.well-known/jwks.json',
  AUTH_ISSUER: 'https://login.example.com/',
  AUTH_AUDIENCE: 'mediagraph',
};

const DEFAULT_TUNING = {
  algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
  clockSkewSeconds: 30,
  jwksCooldownMs: 30_000,
  jwksMaxAgeMs: 600_000,
};

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('auth configuration', () => {
  it('runs the demo issuer when nothing is set outside production, with the default tuning', () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(loadConfig({ NODE_ENV }).auth).toEqual({ mode: 'demo', tuning: DEFAULT_TUNING });
    }
    expect(loadConfig({}).auth.mode).toBe('demo');
  });

  it('verifies against the configured issuer, in any mode, with every asymmetric algorithm by default', () => {
    for (const NODE_ENV of ['development', 'production']) {
      expect(loadConfig({ NODE_ENV, ...ISSUER }).auth).toEqual({
        mode: 'jwt',
        jwt: { jwksUrl: ISSUER.AUTH_JWKS_URL, issuer: ISSUER.AUTH_ISSUER, audience: ['mediagraph'], ...DEFAULT_TUNING },
      });
    }
    expect(ASYMMETRIC_JWS_ALGORITHMS).toEqual(DEFAULT_TUNING.algorithms);
  });

  it('reads AUTH_AUDIENCE as a comma-separated list', () => {
    const auth = loadConfig({ ...ISSUER, AUTH_AUDIENCE: ' api://media , mediagraph,,' }).auth;
    expect(auth.mode === 'jwt' && auth.jwt.audience).toEqual(['api://media', 'mediagraph']);
    expect(configError({ ...ISSUER, AUTH_AUDIENCE: ' , ' }).message).toMatch(/AUTH_AUDIENCE: names no audience/);
  });

  it.each([
    [['AUTH_JWKS_URL'], 'AUTH_ISSUER, AUTH_AUDIENCE'],
    [['AUTH_ISSUER'], 'AUTH_JWKS_URL, AUTH_AUDIENCE'],
    [['AUTH_AUDIENCE'], 'AUTH_JWKS_URL, AUTH_ISSUER'],
    [['AUTH_JWKS_URL', 'AUTH_ISSUER'], 'AUTH_AUDIENCE'],
    [['AUTH_ISSUER', 'AUTH_AUDIENCE'], 'AUTH_JWKS_URL'],
  ] as const)('refuses %j without the others: names %s', (given, missing) => {
    const env = Object.fromEntries(given.map((name) => [name, ISSUER[name]]));
    expect(configError(env).message).toContain(`${missing}: required with ${given.join(', ')}`);
  });

  it('takes an empty AUTH_* as unset (an .env line with no value)', () => {
    expect(loadConfig({ AUTH_JWKS_URL: '', AUTH_ISSUER: ' ', AUTH_AUDIENCE: '' }).auth.mode).toBe('demo');
    expect(configError({ ...ISSUER, AUTH_ISSUER: '' }).message).toContain('AUTH_ISSUER: required with AUTH_JWKS_URL, AUTH_AUDIENCE');
  });

  it('refuses a JWKS URL that is not http(s)', () => {
    expect(configError({ ...ISSUER, AUTH_JWKS_URL: 'file:///etc/jwks.json' }).message).toMatch(/AUTH_JWKS_URL/);
    expect(configError({ ...ISSUER, AUTH_JWKS_URL: 'not a url' }).message).toMatch(/AUTH_JWKS_URL/);
  });

  it('fetches the keys over https only in production, plain http only on loopback', () => {
    const issuer = { AUTH_ISSUER: 'https://login.example.com/', AUTH_AUDIENCE: 'mediagraph' };
    expect(configError({ NODE_ENV: 'production', AUTH_JWKS_URL: 'http://login.example.com/jwks.json', ...issuer }).message).toMatch(/AUTH_JWKS_URL: production fetches/);
    for (const AUTH_JWKS_URL of ['https://login.example.com/jwks.json', 'http://127.0.0.1:9000/jwks.json', 'http://[::1]:9000/jwks.json', 'http://localhost:9000/jwks.json']) {
      expect(loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL, ...issuer }).auth).toMatchObject({ mode: 'jwt', jwt: { jwksUrl: AUTH_JWKS_URL } });
    }
    expect(loadConfig({ NODE_ENV: 'development', AUTH_JWKS_URL: 'http://login.example.com/jwks.json', ...issuer }).auth.mode).toBe('jwt');
  });

  it('refuses to start in production without an issuer, saying what to set', () => {
    const message = configError({ NODE_ENV: 'production' }).message;
    expect(message).toContain('AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE');
    expect(message).toContain('AUTH_DISABLED=true');
  });

  it('AUTH_DISABLED=true serves every caller unchecked, production included', () => {
    for (const NODE_ENV of ['development', 'production', 'test']) {
      expect(loadConfig({ NODE_ENV, AUTH_DISABLED: 'true' }).auth).toEqual({ mode: 'disabled' });
    }
    expect(loadConfig({ AUTH_DISABLED: 'false' }).auth.mode).toBe('demo');
    expect(configError({ AUTH_DISABLED: 'maybe' }).message).toMatch(/AUTH_DISABLED/);
  });

  it.each(['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] as const)('refuses AUTH_DISABLED=true with %s: a contradiction', (name) => {
    expect(configError({ AUTH_DISABLED: 'true', [name]: ISSUER[name] }).message).toContain(`AUTH_DISABLED: true contradicts ${name}`);
  });

  it('refuses AUTH_DISABLED=true with a whole issuer, naming every variable it contradicts', () => {
    expect(configError({ ...ISSUER, AUTH_DISABLED: 'true' }).message).toContain('contradicts AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE');
  });

  it('reads AUTH_ALGORITHMS as a comma-separated allow-list', () => {
    const auth = loadConfig({ ...ISSUER, AUTH_ALGORITHMS: 'ES256, EdDSA ,PS512' }).auth;
    expect(auth.mode === 'jwt' && auth.jwt.algorithms).toEqual(['ES256', 'EdDSA', 'PS512']);
    const demo = loadConfig({ AUTH_ALGORITHMS: 'RS256' }).auth;
    expect(demo.mode === 'demo' && demo.tuning.algorithms).toEqual(['RS256']);
  });

  it.each(['none', 'None', 'RS256,none'])('refuses the unsigned algorithm in %j', (algorithms) => {
    expect(configError({ ...ISSUER, AUTH_ALGORITHMS: algorithms }).message).toMatch(/AUTH_ALGORITHMS: none: unsigned tokens are never accepted/i);
  });

  it.each(['HS256', 'HS384', 'HS512', 'ES256,hs256'])('refuses the HMAC algorithm in %j', (algorithms) => {
    expect(configError({ ...ISSUER, AUTH_ALGORITHMS: algorithms }).message).toMatch(/AUTH_ALGORITHMS: HS\d+: HMAC algorithms are refused/i);
  });

  it('refuses an algorithm it does not know, and a list naming none', () => {
    expect(configError({ AUTH_ALGORITHMS: 'RS1' }).message).toMatch(/AUTH_ALGORITHMS: RS1: not one of RS256, .*EdDSA/);
    expect(configError({ AUTH_ALGORITHMS: 'es256' }).message).toMatch(/AUTH_ALGORITHMS: es256: not one of/);
    expect(configError({ AUTH_ALGORITHMS: ',' }).message).toMatch(/AUTH_ALGORITHMS: names no algorithm/);
  });

  it('reads the clock skew and the JWKS timings', () => {
    const auth = loadConfig({ ...ISSUER, AUTH_CLOCK_SKEW_SECONDS: '0', AUTH_JWKS_COOLDOWN_MS: '1000', AUTH_JWKS_MAX_AGE_MS: '60000' }).auth;
    expect(auth).toMatchObject({ mode: 'jwt', jwt: { clockSkewSeconds: 0, jwksCooldownMs: 1000, jwksMaxAgeMs: 60000 } });
  });

  it.each([
    ['AUTH_CLOCK_SKEW_SECONDS', '-1'],
    ['AUTH_CLOCK_SKEW_SECONDS', '301'],
    ['AUTH_CLOCK_SKEW_SECONDS', 'soon'],
    ['AUTH_JWKS_COOLDOWN_MS', '0'],
    ['AUTH_JWKS_COOLDOWN_MS', '1.5'],
    ['AUTH_JWKS_MAX_AGE_MS', '0'],
  ])('refuses %s=%s', (name, value) => {
    expect(configError({ ...ISSUER, [name]: value }).message).toContain(name);
  });
});
