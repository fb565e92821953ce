import { request } from 'undici';
import { startApp } from '../../src/app';
import type { RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/observability/logger';
import { DEMO } from '../../src/simulators/acc/seed';
import { startAccSimulator } from '../../src/simulators/acc/server';
import type { AccSimulator } from '../../src/simulators/acc/server';
import { ASSETS_DEMO, startAssetsSimulator } from '../../src/simulators/assets/server';
import type { AssetsSimulator } from '../../src/simulators/assets/server';
import { CONTENT_HUB_DEMO } from '../../src/simulators/contentHub/seed';
import { startContentHubSimulator } from '../../src/simulators/contentHub/server';
import type { ContentHubSimulator } from '../../src/simulators/contentHub/server';
import { MATERIALS_DEMO } from '../../src/simulators/materials/seed';
import { startMaterialsSimulator } from '../../src/simulators/materials/server';
import { startIssuerSimulator } from '../../src/simulators/issuer/server';
import type { IssuerSimulator } from '../../src/simulators/issuer/server';
import { ALL_SCOPES, READ_SCOPES } from '../../src/auth/scopes';
import type { MaterialsSimulator } from '../../src/simulators/materials/server';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  body: {
    data?: TData | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
    extensions?: { upstreamCalls?: Record<string, number> };
  };
  /** The raw response text, to check that nothing secret leaked into it. */
  text: string;
}

export interface TestStack {
  /** The real gateway over HTTP on an ephemeral loopback port. */
  url: string;
  acc: AccSimulator;
  materials: MaterialsSimulator;
  assets: AssetsSimulator;
  contentHub: ContentHubSimulator;
  app: RunningApp;
  /** The token issuer the gateway trusts (AUTH_*), with keys this test run made. */
  issuer: IssuerSimulator;
  /** Its tokens for every scope (what `graphql` sends) and for the read scopes only; valid 1 h. */
  tokens: { full: string; readOnly: string };
  /** The environment the gateway was configured with (for another gateway on the same simulators). */
  env: Record<string, string>;
  graphql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  /**
   * Another gateway on the same simulators and configuration (plus `env`), as a second replica
   * would be; stopped with the stack.
   */
  replica(env?: Record<string, string>): Promise<RunningApp>;
  /** Vendor requests a simulator received since the last call (and forgets them). */
  takeAccRequests(): AccSimulator['requests'];
  takeMaterialsRequests(): MaterialsSimulator['requests'];
  close(): Promise<void>;
}

/** The gateway and real vendor simulators, all on loopback, talking real HTTP. */
export async function startStack(
  options: {
    env?: Record<string, string>;
    acc?: Parameters<typeof startAccSimulator>[0];
    materials?: Parameters<typeof startMaterialsSimulator>[0];
    assets?: Parameters<typeof startAssetsSimulator>[0];
    contentHub?: Parameters<typeof startContentHubSimulator>[0];
    /** Where the gateway logs (tests that read log lines); otherwise LOG_LEVEL, silent here. */
    logger?: Logger;
  } = {},
): Promise<TestStack> {
  const acc = await startAccSimulator(options.acc);
  const materials = await startMaterialsSimulator(options.materials);
  const assets = await startAssetsSimulator(options.assets);
  const contentHub = await startContentHubSimulator(options.contentHub);
  // A real issuer on loopback whose keys this test run made; a test may name another one, or none.
  const issuer = await startIssuerSimulator();
  const tokens = {
    full: await issuer.sign({ sub: 'test-editor', client_id: 'mediagraph-tests', scope: ALL_SCOPES.join(' ') }, { expiresInSeconds: 3600 }),
    readOnly: await issuer.sign({ sub: 'test-viewer', client_id: 'mediagraph-tests', scope: READ_SCOPES.join(' ') }, { expiresInSeconds: 3600 }),
  };
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    AUTH_JWKS_URL: issuer.jwksUrl,
    AUTH_ISSUER: issuer.issuer,
    AUTH_AUDIENCE: issuer.audience,
    PORT: '0',
    ACC_BASE_URL: acc.url,
    MATERIALS_BASE_URL: materials.url,
    MATERIALS_TOKEN: MATERIALS_DEMO.token,
    ASSETS_BASE_URL: assets.url,
    ASSETS_TOKEN: ASSETS_DEMO.token,
    CONTENT_HUB_BASE_URL: contentHub.url,
    CONTENT_HUB_TOKEN: CONTENT_HUB_DEMO.token,
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  if (env.AUTH_DISABLED === 'true') for (const name of ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) delete env[name];
  const app = await startApp(loadConfig(env), { logger: options.logger });
  const replicas: RunningApp[] = [];
  const url = app.gateway.url;
  return {
    url,
    acc,
    materials,
    assets,
    contentHub,
    app,
    env,
    issuer,
    tokens,
    graphql: (query, variables, headers) =>
      postGraphQL(url, { query, variables }, { ...bearer(tokens.full), 'x-acc-token': DEMO.token, ...headers }),
    replica: async (overrides) => {
      const replica = await startApp(loadConfig({ ...env, ...overrides }));
      replicas.push(replica);
      return replica;
    },
    takeAccRequests: () => acc.requests.splice(0),
    takeMaterialsRequests: () => materials.requests.splice(0),
    close: async () => {
      await Promise.all([app, ...replicas].map((running) => running.stop()));
      await Promise.all([acc.close(), materials.close(), assets.close(), contentHub.close(), issuer.close()]);
    },
  };
}

/**
 * What a caller with `token` sends: the `Authorization` header over HTTP, and the same object as
 * graphql-ws's `connection_init` payload.
 */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

export async function postGraphQL<TData>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: JSON.parse(text) as GraphQLResponse<TData>['body'], text };
}
