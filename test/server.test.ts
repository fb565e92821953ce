import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import type { IntrospectionQuery } from 'graphql';
import { request } from 'undici';
import { introspectionDisagreements } from '../scripts/schemaPrintout';
import { DEMO } from '../src/simulators/acc/seed';
import { postGraphQL, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const SANDBOX_ORIGIN = 'https://studio.apollographql.com';

describe('gateway HTTP server in development', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { NODE_ENV: 'development' } });
  });
  afterAll(() => stack.close());

  const origin = () => new URL(stack.url).origin;

  it('answers liveness and readiness', async () => {
    for (const [path, status] of [['/healthz', 'ok'], ['/readyz', 'ready']]) {
      const response = await request(origin() + path);
      expect(response.statusCode).toBe(200);
      expect(await response.body.json()).toEqual({ status });
    }
  });

  it('serves the Apollo Sandbox landing page to browsers', async () => {
    const response = await request(stack.url, { headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    const html = await response.body.text();
    expect(html).toContain('embeddable-sandbox');
  });

  it("allows the Sandbox origin through CORS, with the ACC token header and Apollo Client's client-awareness headers", async () => {
    const response = await request(stack.url, {
      method: 'OPTIONS',
      headers: {
        origin: SANDBOX_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-acc-token,apollographql-client-name,apollographql-client-version',
      },
    });
    await response.body.dump();
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(SANDBOX_ORIGIN);
    const allowed = String(response.headers['access-control-allow-headers']).split(',');
    expect(allowed).toEqual(expect.arrayContaining(['x-acc-token', 'authorization', 'apollographql-client-name', 'apollographql-client-version']));
  });

  it('does not allow other origins', async () => {
    const response = await request(stack.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    await response.body.dump();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers the full introspection query Sandbox and codegen send, within the query limits', async () => {
    const { body } = await stack.graphql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).toContain('DownloadOrderStatus');
  });

  it('shows by introspection exactly what schema.graphql says, descriptions and deprecations included', async () => {
    const everything = { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true };
    const { body } = await stack.graphql<IntrospectionQuery>(getIntrospectionQuery(everything));
    expect(body.errors).toBeUndefined();
    const file = readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(introspectionDisagreements(file, body.data!)).toEqual([]);
  });

  it('answers introspection and suggests field names', async () => {
    const introspection = await stack.graphql<{ __schema: { queryType: { name: string } } }>(`{ __schema { queryType { name } } }`);
    expect(introspection.body.data!.__schema.queryType.name).toBe('Query');
    const typo = await stack.graphql(`{ projekt(id: "x") { id } }`);
    expect(typo.body.errors![0]!.message).toContain('Did you mean "project"');
  });

  it('reports the vendor calls an operation made in extensions', async () => {
    const { body } = await stack.graphql(`query($p: ID!) { project(id: $p) { photos(first: 1) { nodes { photoId } } } }`, {
      p: DEMO.projectIds[0],
    });
    expect(body.extensions!.upstreamCalls).toEqual({ acc: 1, total: 1 });
  });

  it('refuses GET requests and bodies without a CSRF-safe content type', async () => {
    const response = await request(`${stack.url}?query=${encodeURIComponent('{ __typename }')}`);
    await response.body.dump();
    expect(response.statusCode).toBe(400);
  });
});

describe('gateway HTTP server in production', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => stack.close());

  it('turns introspection off', async () => {
    const { body } = await stack.graphql(`{ __schema { types { name } } }`);
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors![0]!.message).toContain('introspection');
  });

  it('gives no field suggestions', async () => {
    const { body } = await stack.graphql(`{ projekt(id: "x") { id } }`);
    expect(body.errors![0]!.message).not.toContain('Did you mean');
  });

  it('sends no stack traces and no upstream call counts', async () => {
    const { body, text } = await stack.graphql(`query($p: ID!) { photo(projectId: $p, id: "00000000-0000-4000-8000-000000000000") { __typename } }`, {
      p: DEMO.projectIds[0],
    });
    expect(body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(text).not.toContain('stacktrace');
    expect(body.extensions).toBeUndefined();
  });

  it('serves no landing page', async () => {
    const response = await request(stack.url, { headers: { accept: 'text/html' } });
    const html = await response.body.text();
    expect(html).not.toContain('embeddable-sandbox');
  });
});

describe('graceful shutdown', () => {
  it('leaves the process signals to main.ts (Apollo installs no SIGTERM/SIGINT handler of its own)', async () => {
    const before = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')];
    const stack = await startStack({ env: { NODE_ENV: 'production' } });
    try {
      // Apollo's own handlers would stop the server under main.ts's drain and re-raise the signal.
      expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(before);
    } finally {
      await stack.close();
    }
  });

  it('finishes in-flight requests, reports not ready, then refuses new connections', async () => {
    const stack = await startStack({ acc: { latencyMs: 400 } });
    const origin = new URL(stack.url).origin;
    const inFlight = stack.graphql<{ project: { photos: { nodes: unknown[] } } }>(
      `query($p: ID!) { project(id: $p) { photos(first: 2) { nodes { photoId } } } }`,
      { p: DEMO.projectIds[0] },
    );
    // Let the request reach the gateway and its vendor call start before stopping.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const stopped = stack.close();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.body.data!.project.photos.nodes).toHaveLength(2);
    await stopped;
    await expect(postGraphQL(stack.url, { query: '{ __typename }' })).rejects.toThrow();
    await expect(request(`${origin}/healthz`)).rejects.toThrow();
  });
});
