import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { DEMO } from '../src/simulators/acc/seed';
import type { RecordedRequest } from '../src/simulators/http';
import { MATERIALS_DEMO } from '../src/simulators/materials/seed';
import { scrape, total } from './helpers/prometheus';
import type { Sample } from './helpers/prometheus';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const TWO_PHOTOS = `query TwoPhotos($p: ID!, $live: ID!, $deleted: ID!) {
  live: photo(projectId: $p, id: $live) { __typename }
  deleted: photo(projectId: $p, id: $deleted) { __typename }
}`;
const PHOTO_PAGE = `query PhotoPage($p: ID!) { project(id: $p) { photos(first: 3) { nodes { photoId } } } }`;
const MATERIALS = `query Videos($o: ID!, $a: ID!) { order(id: $o) { assignment(id: $a) { materials(productType: VIDEO) { totalCount } } } }`;

const VENDOR_CALLS = 'mediagraph_upstream_request_duration_seconds_count';

/** What the simulator saw, as (method, route template, status) counts, ids replaced the gateway's way. */
function byRoute(requests: RecordedRequest[], template: (path: string) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { method, path, status } of requests) {
    const key = `${method} ${template(path)} ${status ?? 'none'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** What the gateway counted for one vendor, in the same shape, as a difference between scrapes. */
function vendorCallsByRoute(before: Sample[], after: Sample[], vendor: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sample of after.filter((s) => s.name === VENDOR_CALLS && s.labels.vendor === vendor)) {
    const delta = sample.value - total(before, VENDOR_CALLS, sample.labels);
    if (delta > 0) counts[`${sample.labels.method} ${sample.labels.route} ${sample.labels.status}`] = delta;
  }
  return counts;
}

const accTemplate = (path: string) => path.replace(/\/projects\/[^/]+/, '/projects/{id}').replace(/\/photos\/[^/:]+$/, '/photos/{id}');

describe('GET /metrics', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Two failures open a circuit; it lets a trial call through 300 ms later.
    stack = await startStack({ env: { UPSTREAM_BREAKER_FAILURES: '2', UPSTREAM_BREAKER_HALF_OPEN_MS: '300' } });
  });
  afterAll(() => stack.close());
  afterEach(() => stack.materials.faults.clear());

  it('serves Prometheus text with the process metrics too', async () => {
    const { status, contentType, samples } = await scrape(stack.url);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(total(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('counts each ACC call as the simulator received it, by route template and status, never by id', async () => {
    const before = (await scrape(stack.url)).samples;
    stack.takeAccRequests();
    const variables = { p: DEMO.projectIds[0], live: DEMO.livePhotoId, deleted: DEMO.deletedPhotoId };
    expect((await stack.graphql(TWO_PHOTOS, variables)).body.errors).toBeUndefined();
    expect((await stack.graphql(PHOTO_PAGE, { p: DEMO.projectIds[0] })).body.errors).toBeUndefined();
    const { samples, text } = await scrape(stack.url);

    const seen = byRoute(stack.takeAccRequests(), accTemplate);
    expect(seen).toEqual({
      'POST /construction/photos/v1/projects/{id}/photos:filter 200': 2,
      'GET /construction/photos/v1/projects/{id}/photos/{id} 410': 1,
    });
    expect(vendorCallsByRoute(before, samples, 'acc')).toEqual(seen);
    expect(text).not.toContain(DEMO.projectIds[0]);
    expect(text).not.toContain(DEMO.deletedPhotoId);
  });

  it('times operations by name and outcome, counts error codes, and sizes loader batches', async () => {
    const before = (await scrape(stack.url)).samples;
    const variables = { p: DEMO.projectIds[0], live: DEMO.livePhotoId, deleted: DEMO.deletedPhotoId };
    await stack.graphql(TWO_PHOTOS, variables);
    await stack.graphql(TWO_PHOTOS, variables);
    const unauthenticated = await stack.graphql(PHOTO_PAGE, { p: DEMO.projectIds[0] }, { 'x-acc-token': '' });
    expect(unauthenticated.body.errors!.map((error) => error.extensions!.code)).toEqual(['UNAUTHENTICATED']);
    expect(unauthenticated.body.data).not.toBeNull();
    const invalid = await stack.graphql('query Unknown { noSuchField }');
    expect(invalid.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const { samples } = await scrape(stack.url);
    const delta = (name: string, labels: Record<string, string>) => total(samples, name, labels) - total(before, name, labels);

    const operations = 'mediagraph_graphql_operation_duration_seconds_count';
    expect(delta(operations, { operation: 'TwoPhotos', type: 'query', outcome: 'success' })).toBe(2);
    expect(delta(operations, { operation: 'PhotoPage', type: 'query', outcome: 'partial' })).toBe(1);
    expect(delta(operations, { operation: 'invalid', outcome: 'error' })).toBe(1);
    expect(delta('mediagraph_graphql_errors_total', { operation: 'PhotoPage', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(delta('mediagraph_graphql_errors_total', { operation: 'invalid', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    // An operation that never validated has no name to trust.
    expect(delta(operations, { operation: 'Unknown' })).toBe(0);
    // Each TwoPhotos costs ACC two calls: the batch's photos:filter, and a GET telling the deleted one.
    const callsPerOperation = 'mediagraph_graphql_operation_upstream_calls';
    expect(delta(`${callsPerOperation}_count`, { operation: 'TwoPhotos', vendor: 'total' })).toBe(2);
    expect(delta(`${callsPerOperation}_sum`, { operation: 'TwoPhotos', vendor: 'total' })).toBe(4);
    expect(delta(`${callsPerOperation}_sum`, { operation: 'TwoPhotos', vendor: 'acc' })).toBe(4);
    expect(delta(`${callsPerOperation}_sum`, { operation: 'PhotoPage', vendor: 'total' })).toBe(0);
    // Each TwoPhotos is one photo batch of two ids.
    expect(delta('mediagraph_dataloader_batch_size_count', { loader: 'photo' })).toBe(2);
    expect(delta('mediagraph_dataloader_batch_size_sum', { loader: 'photo' })).toBe(4);
    expect(delta('mediagraph_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '200' })).toBe(3);
    expect(delta('mediagraph_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '400' })).toBe(1);
  });

  it('labels plain HTTP routes by template: asset links, and unknown paths as one series', async () => {
    const before = (await scrape(stack.url)).samples;
    const origin = new URL(stack.url).origin;
    for (const path of ['/assets/demo-public-logo/content?expires=1&signature=forged', '/no/such/path', '/another/unknown']) {
      await (await request(`${origin}${path}`)).body.dump();
    }
    const { samples, text } = await scrape(stack.url);
    const delta = (labels: Record<string, string>) =>
      total(samples, 'mediagraph_http_request_duration_seconds_count', labels) - total(before, 'mediagraph_http_request_duration_seconds_count', labels);
    expect(delta({ method: 'GET', route: '/assets/:key/content', status: '403' })).toBe(1);
    expect(delta({ method: 'GET', route: 'unmatched', status: '404' })).toBe(2);
    expect(text).not.toContain('demo-public-logo');
    expect(text).not.toContain('/no/such/path');
  });

  it('shows a vendor circuit open while the vendor fails, and closed again once a trial call succeeds', async () => {
    const circuit = async () => total((await scrape(stack.url)).samples, 'mediagraph_upstream_circuit_state', { vendor: 'materials' });
    const materials = () => stack.graphql(MATERIALS, { o: MATERIALS_DEMO.orderId, a: MATERIALS_DEMO.assignmentId });
    expect(await circuit()).toBe(0);
    const before = (await scrape(stack.url)).samples;
    stack.takeMaterialsRequests();

    stack.materials.faults.inject({ kind: 'reset' });
    // A GET is tried twice: both resets count, and the second opens the circuit.
    expect((await materials()).body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await circuit()).toBe(1);
    // While open, calls fail fast: the vendor sees nothing more.
    expect((await materials()).body.errors![0]!.extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    const sent = stack.takeMaterialsRequests();
    expect(sent).toHaveLength(2);
    expect(vendorCallsByRoute(before, (await scrape(stack.url)).samples, 'materials')).toEqual({
      'GET /orders/{id}/assignments/{id}/materials unreachable': 2,
    });
    expect(total((await scrape(stack.url)).samples, 'mediagraph_upstream_circuit_state', { vendor: 'acc' })).toBe(0);

    stack.materials.faults.clear();
    await sleep(350);
    expect((await materials()).body.errors).toBeUndefined();
    expect(await circuit()).toBe(0);
  });

  it('keeps each gateway its own registry, and serves none when METRICS_ENABLED=false', async () => {
    const other = await startStack({ env: { METRICS_ENABLED: 'false' } });
    try {
      const operations = (samples: Sample[]) => total(samples, 'mediagraph_graphql_operation_duration_seconds_count', { operation: 'PhotoPage' });
      const before = operations((await scrape(stack.url)).samples);
      expect((await other.graphql(PHOTO_PAGE, { p: DEMO.projectIds[0] })).body.errors).toBeUndefined();
      expect(operations((await scrape(stack.url)).samples)).toBe(before);
      expect((await scrape(other.url)).status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('serves /metrics only on METRICS_PORT when it is set, never on the public port', async () => {
    const other = await startStack({ env: { METRICS_PORT: '0' } });
    try {
      const metricsUrl = other.app.gateway.metricsUrl!;
      expect(new URL(metricsUrl).port).not.toBe(new URL(other.url).port);
      expect((await other.graphql(PHOTO_PAGE, { p: DEMO.projectIds[0] })).body.errors).toBeUndefined();
      const { status, samples } = await scrape(metricsUrl);
      expect(status).toBe(200);
      expect(total(samples, 'mediagraph_graphql_operation_duration_seconds_count', { operation: 'PhotoPage' })).toBe(1);
      expect((await scrape(other.url)).status).toBe(404);
      const elsewhere = await request(new URL('/graphql', metricsUrl));
      expect(elsewhere.statusCode).toBe(404);
      await elsewhere.body.dump();
      expect((await request(new URL('/healthz', other.url))).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});
