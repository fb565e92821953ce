import { request } from 'undici';
import type { RunningApp } from '../src/app';
import { ASSETS_DEMO } from '../src/simulators/assets/server';
import { expectHealthy } from './helpers/health';
import { bearer, postGraphQL, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const CONTENT_URL = `query($key: ID!) { asset(key: $key) { contentUrl } }`;

/**
 * Content links never follow an untrusted Host header: PUBLIC_URL first, else a Host listed in
 * ALLOWED_HOSTS (or a loopback one outside production), else the address the connection reached.
 */
describe('asset content links and the Host header', () => {
  let production: TestStack;
  let listening: string;
  let development: RunningApp;
  let publicUrl: RunningApp;
  beforeAll(async () => {
    production = await startStack({ env: { NODE_ENV: 'production', ALLOWED_HOSTS: 'media.example, CDN.Example' } });
    listening = new URL(production.url).origin;
    development = await production.replica({ NODE_ENV: 'development', ALLOWED_HOSTS: '' });
    publicUrl = await production.replica({ PUBLIC_URL: 'https://media.example.com/' });
  });
  afterAll(() => production.close());

  /** The content link a gateway mints for a caller (every replica trusts the same issuer) whose request has this Host header. */
  const contentUrlFor = (graphqlUrl: string, host: string) =>
    postGraphQL<{ asset: { contentUrl: string } }>(
      graphqlUrl,
      { query: CONTENT_URL, variables: { key: ASSETS_DEMO.publicKey } },
      { ...bearer(production.tokens.full), host },
    );

  /** The origin of that link. */
  async function linkOriginFor(graphqlUrl: string, host: string): Promise<string> {
    const { status, body } = await contentUrlFor(graphqlUrl, host);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return new URL(body.data!.asset.contentUrl).origin;
  }

  it.each(['evil.example', 'evil.example:4000', 'localhost', 'media.example@evil.example', 'media.example/evil', 'media.example evil'])(
    'production: a link for Host %j points at the listening address',
    async (host) => {
      expect(await linkOriginFor(production.url, host)).toBe(listening);
    },
  );

  it.each([
    ['media.example', 'http://media.example'],
    ['media.example:8443', 'http://media.example:8443'],
    ['cdn.example', 'http://cdn.example'],
  ])('production: a link for Host %j, listed in ALLOWED_HOSTS, follows it', async (host, origin) => {
    expect(await linkOriginFor(production.url, host)).toBe(origin);
  });

  it('production: the link works, and a forged Host leaves the gateway healthy', async () => {
    const { body } = await contentUrlFor(production.url, 'evil.example');
    const served = await request(body.data!.asset.contentUrl);
    expect(served.statusCode).toBe(200);
    await served.body.dump();
    await expectHealthy(production);
  });

  it('development: a loopback Host is followed, a forged one is not', async () => {
    const port = new URL(development.gateway.url).port;
    expect(await linkOriginFor(development.gateway.url, `localhost:${port}`)).toBe(`http://localhost:${port}`);
    expect(await linkOriginFor(development.gateway.url, 'evil.example')).toBe(new URL(development.gateway.url).origin);
    expect(await linkOriginFor(development.gateway.url, 'media.example')).toBe(new URL(development.gateway.url).origin);
  });

  it('PUBLIC_URL wins over any Host', async () => {
    expect(await linkOriginFor(publicUrl.gateway.url, 'evil.example')).toBe('https://media.example.com');
    expect(await linkOriginFor(publicUrl.gateway.url, 'media.example')).toBe('https://media.example.com');
  });
});
