/**
 * Client awareness: each operation is counted and logged under the app that sent it, as
 * Apollo Client's `apollographql-client-name` / `-version` headers name it (CORS allows them:
 * test/server.test.ts). Values a client could use to forge log
 * structure or grow the series are dropped.
 */
import { request } from 'undici';
import { DEMO } from '../src/simulators/acc/seed';
import { GatewayMetrics } from '../src/observability/metrics';
import { expectHealthy } from './helpers/health';
import { captureLogs } from './helpers/logCapture';
import { scrape, total } from './helpers/prometheus';
import { bearer, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const PHOTO_PAGE = `query DashboardPhotos($p: ID!) { project(id: $p) { photos(first: 2) { nodes { photoId } } } }`;
const CLIENT_OPERATIONS = 'mediagraph_graphql_client_operations_total';

describe('client awareness', () => {
  const { logger, lines } = captureLogs();
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ logger });
  });
  afterAll(() => stack.close());

  async function photosAs(headers: Record<string, string>, requestId: string): Promise<number> {
    const response = await request(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(stack.tokens.full), 'x-acc-token': DEMO.token, 'x-request-id': requestId, ...headers },
      body: JSON.stringify({ query: PHOTO_PAGE, variables: { p: DEMO.projectIds[0] } }),
    });
    await response.body.dump();
    return response.statusCode;
  }
  const requestLine = (requestId: string) => lines().find((line) => line.reqId === requestId && line.msg === 'request completed');

  it('counts and logs each operation under the client name and version it was sent with', async () => {
    const labels = { client: 'web-dashboard', client_version: '1.4.2', operation: 'DashboardPhotos', outcome: 'success' };
    const before = total((await scrape(stack.url)).samples, CLIENT_OPERATIONS, labels);
    const client = { 'apollographql-client-name': 'web-dashboard', 'apollographql-client-version': '1.4.2' };
    expect(await photosAs(client, 'client-aware-1')).toBe(200);
    expect(await photosAs(client, 'client-aware-2')).toBe(200);
    expect(total((await scrape(stack.url)).samples, CLIENT_OPERATIONS, labels) - before).toBe(2);
    expect(requestLine('client-aware-1')).toMatchObject({ operation: 'DashboardPhotos', clientName: 'web-dashboard', clientVersion: '1.4.2', status: 200 });
  });

  it('counts an operation without the headers, or with values that are not plain, as from an unknown client', async () => {
    const labels = { client: 'unknown', client_version: 'unknown', operation: 'DashboardPhotos', outcome: 'success' };
    const before = total((await scrape(stack.url)).samples, CLIENT_OPERATIONS, labels);
    expect(await photosAs({}, 'client-unnamed')).toBe(200);
    expect(await photosAs({ 'apollographql-client-name': '{"level":"error"}', 'apollographql-client-version': 'v'.repeat(65) }, 'client-forged')).toBe(200);
    expect(total((await scrape(stack.url)).samples, CLIENT_OPERATIONS, labels) - before).toBe(2);
    const forged = requestLine('client-forged')!;
    expect(forged.operation).toBe('DashboardPhotos');
    expect(forged).not.toHaveProperty('clientName');
    expect(forged).not.toHaveProperty('clientVersion');
    await expectHealthy(stack);
  });
});

describe('client labels', () => {
  it('stop growing past 50 distinct name and version pairs: the rest count as other', () => {
    const metrics = new GatewayMetrics({ processMetrics: false });
    for (let release = 0; release < 50; release += 1) expect(metrics.clientLabels('web', `1.0.${release}`)).toEqual({ client: 'web', client_version: `1.0.${release}` });
    expect(metrics.clientLabels('web', '1.0.50')).toEqual({ client: 'other', client_version: 'other' });
    // A pair seen before the cap keeps its own labels.
    expect(metrics.clientLabels('web', '1.0.7')).toEqual({ client: 'web', client_version: '1.0.7' });
  });
});
