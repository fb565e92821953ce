import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { fromGlobalId } from '../../src/graphql/relay/globalId';
import { expectHealthy } from '../helpers/health';
import { CANCEL, MIB, PROGRESS, addPhoto, awaitImport, importPhoto, otherCaller, startImport } from '../helpers/imports';
import type { ImportView, UserErrorView } from '../helpers/imports';
import { captureLogs } from '../helpers/logCapture';
import { scrape, total } from '../helpers/prometheus';
import { bearer, startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';

/** Every state a progress subscription sends, until it completes. */
async function follow(stack: TestStack, id: string): Promise<ImportView[]> {
  const client = createClient({ url: stack.url.replace(/^http/, 'ws'), connectionParams: bearer(stack.tokens.full), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
  const seen: ImportView[] = [];
  try {
    for await (const result of client.iterate<{ assetImportProgress: ImportView }>({ query: PROGRESS, variables: { id } })) seen.push(result.data!.assetImportProgress);
  } finally {
    await client.dispose();
  }
  return seen;
}

/** Each upload waits this long at the store: imports stay RUNNING that long, and the caps show. */
const STORE_LATENCY_MS = 600;

describe('the caps on running and waiting imports', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { IMPORT_MAX_RUNNING: '3', IMPORT_MAX_RUNNING_PER_CALLER: '2', IMPORT_MAX_QUEUED_PER_CALLER: '2' } });
  });
  beforeEach(() => stack.assets.faults.inject({ kind: 'latency', ms: STORE_LATENCY_MS }));
  afterEach(() => stack.assets.faults.clear());
  afterAll(() => stack.close());

  const startedAt = (view: ImportView) => new Date(view.startedAt!).getTime();
  const endedAt = (view: ImportView) => new Date(view.endedAt!).getTime();

  it('runs two per caller and three in all; the others wait and start in order; past the queue cap an input is refused', async () => {
    const photos = await Promise.all(Array.from({ length: 7 }, () => addPhoto(stack, MIB)));
    const second = await otherCaller(stack);
    const mine: ImportView[] = [];
    for (const photo of photos.slice(0, 4)) mine.push(await importPhoto(stack, photo.id));
    expect(mine.map((view) => view.status)).toEqual(['RUNNING', 'RUNNING', 'QUEUED', 'QUEUED']);

    const accCalls = stack.acc.requests.length;
    const { assetImport, userErrors } = await startImport(stack, { source: { photo: photos[4]!.id } });
    expect(assetImport).toBeNull();
    expect(userErrors).toEqual([{ field: ['input', 'source'], code: 'IMPORT_LIMIT_EXCEEDED', message: expect.stringContaining('IMPORT_MAX_QUEUED_PER_CALLER') }]);
    expect(stack.acc.requests.length).toBe(accCalls); // refused before the source was looked up

    // Another caller has slots of their own, until the process's cap.
    const theirs = [await importPhoto(stack, photos[5]!.id, second), await importPhoto(stack, photos[6]!.id, second)];
    expect(theirs.map((view) => view.status)).toEqual(['RUNNING', 'QUEUED']);
    expect(total((await scrape(stack.url)).samples, 'mediagraph_asset_imports_running')).toBe(3);

    // A waiting import's subscription sees it wait, run and end, each status once.
    const followed = follow(stack, mine[2]!.id);
    const done = await Promise.all(mine.map((view) => awaitImport(stack, view.id)));
    const statuses = (await followed).map((view) => view.status);
    expect(statuses.filter((status, index) => status !== statuses[index - 1])).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    const theirsDone = await Promise.all(theirs.map((view) => awaitImport(stack, view.id, undefined, second)));
    expect([...done, ...theirsDone].map((view) => view.status)).toEqual(Array(6).fill('SUCCEEDED'));
    // The waiting ones started only as slots freed, in the order they came.
    const firstEnd = Math.min(...[done[0]!, done[1]!, theirsDone[0]!].map(endedAt));
    expect(startedAt(done[2]!)).toBeGreaterThanOrEqual(firstEnd);
    expect(startedAt(done[3]!)).toBeGreaterThanOrEqual(startedAt(done[2]!));
    expect(startedAt(theirsDone[1]!)).toBeGreaterThanOrEqual(firstEnd);
    expect(total((await scrape(stack.url)).samples, 'mediagraph_asset_imports_running')).toBe(0);
  });

  it('drops a waiting import on cancel: it never transfers', async () => {
    const photos = await Promise.all(Array.from({ length: 3 }, () => addPhoto(stack, MIB)));
    const views = [];
    for (const photo of photos) views.push(await importPhoto(stack, photo.id));
    expect(views[2]!.status).toBe('QUEUED');
    const { body } = await stack.graphql<{ assetImportCancel: { assetImport: ImportView; userErrors: UserErrorView[] } }>(CANCEL, { id: views[2]!.id });
    expect(body.data!.assetImportCancel).toMatchObject({ assetImport: { status: 'CANCELLED', startedAt: null, bytesDone: 0, asset: null, error: { code: 'CANCELLED' } }, userErrors: [] });
    await Promise.all(views.slice(0, 2).map((view) => awaitImport(stack, view.id)));
    expect(stack.acc.requests.filter((recorded) => recorded.path.includes(photos[2]!.photoId))).toHaveLength(1); // the lookup only, no download
    expect((await awaitImport(stack, views[2]!.id)).status).toBe('CANCELLED');
    await expectHealthy(stack);
  });
});

describe("an import's lookups and the operation's vendor-call cap", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { UPSTREAM_MAX_CALLS_PER_OPERATION: '2' } });
  });
  afterAll(() => stack.close());

  it('counts each source lookup against the cap: past it an input is refused, the others start', async () => {
    const photos = await Promise.all(Array.from({ length: 3 }, () => addPhoto(stack, 1024)));
    const { body } = await stack.graphql<{ assetImportMany: { assetImports: ImportView[]; userErrors: UserErrorView[] } }>(
      `mutation($inputs: [AssetImportInput!]!) { assetImportMany(inputs: $inputs) { assetImports { id } userErrors { field code message } } }`,
      { inputs: photos.map((photo) => ({ source: { photo: photo.id } })) },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.assetImportMany.assetImports).toHaveLength(2);
    expect(body.data!.assetImportMany.userErrors).toEqual([
      { field: ['inputs', '2', 'source'], code: 'UNAVAILABLE', message: expect.stringContaining('more than 2 vendor calls') },
    ]);
    // The transfers are the jobs' own calls, not the operation's: both finish.
    for (const view of body.data!.assetImportMany.assetImports) expect((await awaitImport(stack, view.id)).status).toBe('SUCCEEDED');
    await expectHealthy(stack);
  });
});

describe('the upload size cap on imports, and their log lines', () => {
  const logs = captureLogs('info');
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { UPLOAD_MAX_FILE_BYTES: String(MIB) }, logger: logs.logger });
  });
  afterAll(() => stack.close());

  it('fails a file over UPLOAD_MAX_FILE_BYTES with PAYLOAD_TOO_LARGE, before anything reaches the store', async () => {
    const photo = await addPhoto(stack, 2 * MIB);
    const uploads = stack.assets.requests.length;
    const started = await importPhoto(stack, photo.id);
    expect(await awaitImport(stack, started.id)).toMatchObject({ status: 'FAILED', asset: null, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(stack.assets.requests.length).toBe(uploads);
  });

  it('logs each import as it starts and ends: id, caller, source, bytes, duration, outcome; never a signed URL', async () => {
    const photo = await addPhoto(stack, 1000);
    const started = await importPhoto(stack, photo.id);
    await awaitImport(stack, started.id);
    const jobId = fromGlobalId(started.id).keys[0];
    const lines = logs.lines().filter((line) => line['importId'] === jobId);
    expect(lines.map((line) => line.msg)).toEqual(['asset import started', 'asset import ended']);
    expect(lines[0]).toMatchObject({ sub: 'test-editor', source: 'photo' });
    expect(lines[1]).toMatchObject({ sub: 'test-editor', source: 'photo', bytes: 1000, outcome: 'SUCCEEDED', durationMs: expect.any(Number) });
    // The refused one of the test before ended with its code.
    expect(logs.lines().filter((line) => line.msg === 'asset import ended' && line['code'] === 'PAYLOAD_TOO_LARGE')).toHaveLength(1);
    expect(logs.raw.join('\n')).not.toContain('X-Amz-Signature');
  });
});
