import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import { Agent, request } from 'undici';
import WebSocket from 'ws';
import { toGlobalId } from '../../src/graphql/relay/globalId';
import { DEMO } from '../../src/simulators/acc/seed';
import { expectHealthy } from '../helpers/health';
import { CANCEL, FINAL, MIB, PROGRESS, addPhoto, awaitImport, importPhoto, otherCaller, partialFiles, readImport, startImport } from '../helpers/imports';
import type { ImportView, UserErrorView } from '../helpers/imports';
import { scrape, total } from '../helpers/prometheus';
import { bearer, startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';
import { waitFor, waitForAsync } from '../helpers/waitFor';
import { connected } from '../helpers/wsProtocol';

/** How long the store waits before reading an upload: a transfer that stays RUNNING that long. */
const STALL_MS = 1_500;

describe('asset imports', () => {
  let stack: TestStack;
  const clients: Client[] = [];
  beforeAll(async () => {
    stack = await startStack();
  });
  afterEach(() => {
    stack.acc.fileFaults.clear();
    stack.assets.faults.clear();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await stack.close();
  });

  function wsClient(token = stack.tokens.full): Client {
    const client = createClient({ url: stack.url.replace(/^http/, 'ws'), connectionParams: bearer(token), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
    clients.push(client);
    return client;
  }

  async function cancel(id: string, headers?: Record<string, string>): Promise<{ assetImport: ImportView | null; userErrors: UserErrorView[] }> {
    const { body } = await stack.graphql<{ assetImportCancel: { assetImport: ImportView | null; userErrors: UserErrorView[] } }>(CANCEL, { id }, headers);
    expect(body.errors).toBeUndefined();
    return body.data!.assetImportCancel;
  }

  it('moves a photo into the store, byte for byte, and the progress subscription follows it to SUCCEEDED', async () => {
    const size = 3 * MIB + 17;
    const photo = await addPhoto(stack, size);
    const before = await scrape(stack.url);
    const started = await importPhoto(stack, photo.id);
    expect(['QUEUED', 'RUNNING', 'SUCCEEDED']).toContain(started.status);
    expect(started).toMatchObject({ source: 'PHOTO', filename: `${photo.photoId}.jpg`, totalBytes: size, error: null });

    const seen: ImportView[] = [];
    for await (const result of wsClient().iterate<{ assetImportProgress: ImportView }>({ query: PROGRESS, variables: { id: started.id } })) {
      expect(result.errors).toBeUndefined();
      seen.push(result.data!.assetImportProgress);
    }
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ id: started.id, status: 'SUCCEEDED', bytesDone: size, totalBytes: size, error: null });
    expect(seen.slice(0, -1).every((view) => !FINAL.has(view.status))).toBe(true);
    expect(seen.map((view) => view.bytesDone)).toEqual([...seen.map((view) => view.bytesDone)].sort((a, b) => a - b));
    expect(new Date(last.endedAt!).getTime()).toBeGreaterThanOrEqual(new Date(last.startedAt!).getTime());

    const stored = stack.assets.store.get(last.asset!.key)!;
    expect(stored.sha256).toBe(photo.sha256);
    expect(stored.size).toBe(size);
    const content = await request(last.asset!.contentUrl);
    expect(content.statusCode).toBe(200);
    expect((await content.body.arrayBuffer()).byteLength).toBe(size);

    const after = await scrape(stack.url);
    const delta = (name: string, labels: Record<string, string>) => total(after.samples, name, labels) - total(before.samples, name, labels);
    expect(delta('mediagraph_asset_imports_total', { source: 'photo', outcome: 'succeeded' })).toBe(1);
    expect(delta('mediagraph_asset_import_bytes_total', { source: 'photo' })).toBe(size);
    expect(total(after.samples, 'mediagraph_asset_imports_running')).toBe(0);
  });

  it('names the asset as asked, and answers the same import by node(id)', async () => {
    const photo = await addPhoto(stack, 64 * 1024);
    const { assetImport: started } = await startImport(stack, { source: { photo: photo.id }, name: '  Site, north wall ', visibility: 'PUBLIC' });
    const done = await awaitImport(stack, started!.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(stack.assets.store.get(done.asset!.key)).toMatchObject({ visibility: 'public', contentType: 'image/jpeg', asset: { name: 'Site, north wall' } });
    const { body } = await stack.graphql<{ node: { id: string; status: string } }>(`query($id: ID!) { node(id: $id) { ... on AssetImport { id status } } }`, { id: started!.id });
    expect(body.data).toEqual({ node: { id: started!.id, status: 'SUCCEEDED' } });
  });

  it.each([
    ['breaks off midway', { kind: 'cutAfter', bytes: MIB } as const, 'UPSTREAM_UNAVAILABLE'],
    ['answers 404 at download', { kind: 'status', status: 404 } as const, 'NOT_FOUND'],
    ['answers 410 at download', { kind: 'status', status: 410 } as const, 'GONE'],
  ])('fails with the source when its file %s, and leaves no asset', async (_case, fault, code) => {
    const photo = await addPhoto(stack, 3 * MIB);
    const assets = stack.assets.store.size;
    stack.acc.fileFaults.inject(fault, 1);
    const started = await importPhoto(stack, photo.id);
    const done = await awaitImport(stack, started.id);
    expect(done).toMatchObject({ status: 'FAILED', asset: null, error: { code } });
    expect(stack.assets.store.size).toBe(assets);
    await waitForAsync(async () => (await partialFiles(stack)).length === 0);
  });

  it('fails with the store when it refuses the upload, and leaves no asset', async () => {
    const photo = await addPhoto(stack, 2 * MIB);
    const assets = stack.assets.store.size;
    stack.assets.faults.inject({ kind: 'rateLimited', retryAfterSeconds: 5 }, 1);
    const started = await importPhoto(stack, photo.id);
    const done = await awaitImport(stack, started.id);
    expect(done).toMatchObject({ status: 'FAILED', asset: null, error: { code: 'UPSTREAM_RATE_LIMITED' } });
    expect(stack.assets.store.size).toBe(assets);
    await waitForAsync(async () => (await partialFiles(stack)).length === 0);
  });

  it('goes on after the client that started it disconnects', async () => {
    const photo = await addPhoto(stack, 2 * MIB);
    stack.assets.faults.inject({ kind: 'latency', ms: 300 }, 1);
    const agent = new Agent();
    const response = await request(stack.url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', ...bearer(stack.tokens.full), 'x-acc-token': DEMO.token },
      body: JSON.stringify({ query: `mutation($input: AssetImportInput!) { assetImport(input: $input) { assetImport { id status } } }`, variables: { input: { source: { photo: photo.id } } } }),
    });
    const { data } = (await response.body.json()) as { data: { assetImport: { assetImport: { id: string; status: string } } } };
    await agent.destroy();
    expect(data.assetImport.assetImport.status).toMatch(/QUEUED|RUNNING/);
    const done = await awaitImport(stack, data.assetImport.assetImport.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(stack.assets.store.get(done.asset!.key)!.sha256).toBe(photo.sha256);
  });

  it('cancels a running import: both vendor requests are aborted and no asset is made', async () => {
    const photo = await addPhoto(stack, 24 * MIB);
    const assets = stack.assets.store.size;
    stack.assets.faults.inject({ kind: 'latency', ms: STALL_MS }, 1);
    const accRequests = stack.acc.requests.length;
    const uploads = stack.assets.requests.length;
    const started = await importPhoto(stack, photo.id);
    await awaitImport(stack, started.id, (view) => view.status === 'RUNNING' && view.bytesDone > 0);
    const { assetImport, userErrors } = await cancel(started.id);
    expect(userErrors).toEqual([]);
    expect(assetImport).toMatchObject({ status: 'CANCELLED', asset: null, error: { code: 'CANCELLED' } });
    expect(assetImport!.bytesDone).toBeLessThan(24 * MIB);
    // Neither vendor finished answering: the download and the upload were cut.
    const download = stack.acc.requests.slice(accRequests).find((recorded) => recorded.path.startsWith('/oss/signed/'))!;
    const upload = stack.assets.requests.slice(uploads).find((recorded) => recorded.method === 'POST')!;
    await sleep(STALL_MS);
    expect(download.status).toBeUndefined();
    expect(upload.status).toBeUndefined();
    expect(stack.assets.store.size).toBe(assets);
    await waitForAsync(async () => (await partialFiles(stack)).length === 0);
    expect((await awaitImport(stack, started.id)).status).toBe('CANCELLED');
  });

  it('refuses to cancel an import that has ended', async () => {
    const photo = await addPhoto(stack, 1024);
    const started = await importPhoto(stack, photo.id);
    await awaitImport(stack, started.id);
    const { assetImport, userErrors } = await cancel(started.id);
    expect(assetImport!.status).toBe('SUCCEEDED');
    expect(userErrors).toEqual([{ field: ['id'], code: 'IMPORT_FINISHED', message: expect.stringContaining('SUCCEEDED') }]);
  });

  it('lets no one else read, follow or cancel an import', async () => {
    const photo = await addPhoto(stack, 4 * MIB);
    stack.assets.faults.inject({ kind: 'latency', ms: 500 }, 1);
    const started = await importPhoto(stack, photo.id);
    const stranger = await otherCaller(stack);

    const read = await readImport(stack, started.id, stranger);
    expect(read.body.data).toEqual({ assetImport: null });
    expect(read.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['NOT_FOUND']);
    expect(read.text).not.toContain(photo.photoId);

    const node = await stack.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: started.id }, stranger);
    expect(node.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['NOT_FOUND']);

    expect(await cancel(started.id, stranger)).toEqual({ assetImport: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND', message: expect.any(String) }] });

    const strangerToken = stranger['authorization']!.replace(/^Bearer /, '');
    const results = [];
    for await (const result of wsClient(strangerToken).iterate({ query: PROGRESS, variables: { id: started.id } })) results.push(result);
    expect(results).toEqual([{ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })] }]);

    // Untouched by all that: it ends as it would have.
    expect((await awaitImport(stack, started.id)).status).toBe('SUCCEEDED');
  });

  it('needs assets:write to start or read an import', async () => {
    const photo = await addPhoto(stack, 1024);
    const readOnly = { ...bearer(stack.tokens.readOnly) };
    const refused = await stack.graphql(`mutation($input: AssetImportInput!) { assetImport(input: $input) { userErrors { code } } }`, { input: { source: { photo: photo.id } } }, readOnly);
    expect(refused.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
    const started = await importPhoto(stack, photo.id);
    const read = await readImport(stack, started.id, readOnly);
    expect(read.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
    const connection = await connected(stack.url, {}, readOnly);
    try {
      connection.subscribe('progress', PROGRESS, { id: started.id });
      expect((await connection.ended('progress')).type).toBe('complete');
      const answered = connection.messages.filter((message) => message.id === 'progress' && message.type === 'next');
      expect(answered.map((message) => (message.payload as { errors?: Array<{ extensions: { code: string } }> }).errors?.[0]?.extensions.code)).toEqual(['FORBIDDEN']);
    } finally {
      connection.close();
    }
  });

  it('tells an input or a source it cannot import as a userError with a code', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'INVALID'],
      [{ photo: toGlobalId('Photo', DEMO.projectIds[0]!, 'x'), downloadOrder: '1' }, 'INVALID'],
      [{ photo: 'not-an-id' }, 'INVALID'],
      [{ photo: toGlobalId('Photo', DEMO.projectIds[0]!, '00000000-0000-4000-8000-00000000dead') }, 'NOT_FOUND'],
    ];
    for (const [source, code] of cases) {
      const { assetImport, userErrors } = await startImport(stack, { source });
      expect(assetImport).toBeNull();
      expect(userErrors).toEqual([{ field: ['input', 'source'], code, message: expect.any(String) }]);
    }
  });

  it('starts the good inputs of assetImportMany and refuses the bad one by its path', async () => {
    const photos = await Promise.all([1, 2, 3].map((index) => addPhoto(stack, index * 100_000)));
    const { body } = await stack.graphql<{ assetImportMany: { assetImports: ImportView[]; userErrors: UserErrorView[] } }>(
      `mutation($inputs: [AssetImportInput!]!) { assetImportMany(inputs: $inputs) { assetImports { id filename } userErrors { field code message } } }`,
      { inputs: [{ source: { photo: photos[0]!.id } }, { source: { photo: 'nonsense' } }, { source: { photo: photos[1]!.id } }, { source: { photo: photos[2]!.id }, name: 'third' }] },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.assetImportMany.userErrors).toEqual([{ field: ['inputs', '1', 'source'], code: 'INVALID', message: expect.any(String) }]);
    const started = body.data!.assetImportMany.assetImports;
    expect(started.map((view) => view.filename)).toEqual(photos.map((photo) => `${photo.photoId}.jpg`));
    for (const [index, view] of started.entries()) {
      const done = await awaitImport(stack, view.id);
      expect(stack.assets.store.get(done.asset!.key)!.sha256).toBe(photos[index]!.sha256);
    }
  });

  it('refuses more than 50 inputs before any lookup', async () => {
    const accRequests = stack.acc.requests.length;
    const { body } = await stack.graphql(`mutation($inputs: [AssetImportInput!]!) { assetImportMany(inputs: $inputs) { userErrors { code } } }`, {
      inputs: Array.from({ length: 51 }, () => ({ source: { photo: 'x' } })),
    });
    expect(body.errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(stack.acc.requests.length).toBe(accRequests);
  });

  it('stays healthy', async () => {
    await waitFor(() => stack.app.gateway !== undefined);
    await expectHealthy(stack);
  });
});
