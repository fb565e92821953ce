import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { DEMO } from '../src/simulators/acc/seed';
import { persistedQuery, queryHash } from './helpers/apq';
import { HEALTH_QUERY, expectHealthy } from './helpers/health';
import { captureLogs } from './helpers/logCapture';
import { bytesFile, multipartRequest, sha256Of } from './helpers/multipart';
import { scrape, total } from './helpers/prometheus';
import { bearer, postGraphQL, startStack } from './helpers/stack';
import type { GraphQLResponse, TestStack } from './helpers/stack';
import { connected } from './helpers/wsProtocol';
import type { ServerMessage } from './helpers/wsProtocol';

const [PROJECT_ID] = DEMO.projectIds;
const photoVariables = { projectId: PROJECT_ID, id: DEMO.livePhotoId };

const PHOTO = 'query TrustedPhoto($projectId: ID!, $id: ID!) { photo(projectId: $projectId, id: $id) { ... on Photo { photoId title } } }';
const ORDER = 'query TrustedOrder($id: ID!) { downloadOrder(id: $id) { orderId } }';
const WATCH = 'subscription TrustedWatch { downloadOrderWatch(id: "1001") { orderId status } }';
const UPLOAD = 'mutation TrustedUpload($input: AssetUploadInput!) { assetUpload(input: $input) { asset { key } userErrors { code } } }';
const UNLISTED = 'query Unlisted($projectId: ID!, $id: ID!) { photo(projectId: $projectId, id: $id) { ... on Photo { photoId } } }';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Apollo's manifest (`@apollo/generate-persisted-query-manifest`), ids of its own choosing. */
const apolloManifest = (operations: Array<{ id: string; name: string; type: string; body: string }>) =>
  JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations });
/** The codegen client preset's persisted-documents.json: hash (sha1 unless told) → document. */
const codegenManifest = (bodies: string[]) => JSON.stringify(Object.fromEntries(bodies.map((body) => [sha1(body), body])));

describe('trusted documents (PERSISTED_DOCUMENTS)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'trusted-documents-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function manifestFile(name: string, text: string): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  }

  const accCalls = (stack: TestStack): number => stack.takeAccRequests().length;
  const refusals = async (stack: TestStack, code: string) => total((await scrape(stack.url)).samples, 'mediagraph_graphql_trusted_document_refusals_total', { code });
  const post = <TData = Record<string, unknown>>(stack: TestStack, body: unknown, headers: Record<string, string> = {}) =>
    postGraphQL<TData>(stack.url, body, { ...bearer(stack.tokens.full), 'x-acc-token': DEMO.token, ...headers });
  const codeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.['code'];

  describe('require: ids only, as Apollo Router’s require_id', () => {
    let stack: TestStack;
    beforeAll(async () => {
      const apollo = await manifestFile('require-apollo.json', apolloManifest([{ id: 'photo-v1', name: 'TrustedPhoto', type: 'query', body: PHOTO }]));
      const codegen = await manifestFile('require-codegen.json', codegenManifest([ORDER, WATCH, UPLOAD]));
      stack = await startStack({ env: { PERSISTED_DOCUMENTS: `${apollo},${codegen}`, PERSISTED_DOCUMENTS_MODE: 'require' } });
    });
    afterAll(() => stack.close());

    it('runs a listed document by its Apollo manifest id, sent as Apollo Client’s PersistedQueryLink sends it', async () => {
      accCalls(stack);
      const response = await post<{ photo: { photoId: string } }>(stack, { variables: photoVariables, extensions: { persistedQuery: { version: 1, sha256Hash: 'photo-v1' } } });
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.photo.photoId).toBe(DEMO.livePhotoId);
      expect(accCalls(stack)).toBe(1);
    });

    it('runs a listed document by its codegen hash sent as documentId, over POST and GET', async () => {
      const byPost = await post<{ downloadOrder: { orderId: string } }>(stack, { documentId: sha1(ORDER), variables: { id: '1001' } });
      expect(byPost.status).toBe(200);
      expect(byPost.body.data!.downloadOrder.orderId).toBe('1001');
      const search = new URLSearchParams({ documentId: sha1(ORDER), variables: JSON.stringify({ id: '1001' }) });
      const byGet = await request(`${stack.url}?${search}`, { headers: { ...bearer(stack.tokens.full), 'apollo-require-preflight': 'true' } });
      expect(byGet.statusCode).toBe(200);
      expect(((await byGet.body.json()) as GraphQLResponse['body']).data).toEqual({ downloadOrder: { orderId: '1001' } });
    });

    it('runs a listed upload by id in a multipart request, the file streamed to the store', async () => {
      const content = Buffer.from('site plan, rev. C\n');
      const response = await multipartRequest(stack.url, { documentId: sha1(UPLOAD), variables: { input: { file: null, name: 'Plan' } } }, { 0: ['variables.input.file'] }, [bytesFile('plan.txt', content, 'text/plain')], {
        headers: bearer(stack.tokens.full),
      });
      const body = (await response.body.json()) as GraphQLResponse<{ assetUpload: { asset: { key: string }; userErrors: unknown[] } }>['body'];
      expect(response.statusCode).toBe(200);
      expect(body.data!.assetUpload.userErrors).toEqual([]);
      expect(stack.assets.store.get(body.data!.assetUpload.asset.key)!.sha256).toBe(sha256Of(content));
    });

    it('refuses full text, even a listed one, with 400 PERSISTED_QUERY_ID_REQUIRED, before any vendor call', async () => {
      accCalls(stack);
      const before = await refusals(stack, 'PERSISTED_QUERY_ID_REQUIRED');
      for (const query of [PHOTO, UNLISTED]) {
        const response = await post(stack, { query, variables: photoVariables });
        expect(response.status).toBe(400);
        expect(codeOf(response)).toBe('PERSISTED_QUERY_ID_REQUIRED');
      }
      expect(accCalls(stack)).toBe(0);
      expect((await refusals(stack, 'PERSISTED_QUERY_ID_REQUIRED')) - before).toBe(2);
    });

    it('refuses an id no manifest lists with 400 PERSISTED_QUERY_NOT_IN_LIST, not to be cached, and never asks APQ', async () => {
      const unknown = await post(stack, { extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(UNLISTED) } }, variables: photoVariables });
      expect(unknown.status).toBe(400);
      expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      // APQ's "send the text" would be a lie here: no text will run, nor register.
      const registering = await post(stack, persistedQuery(UNLISTED, photoVariables, { register: true }));
      expect(registering.status).toBe(400);
      expect(codeOf(registering)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      const response = await request(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(stack.tokens.full) },
        body: JSON.stringify({ documentId: '<script>' }),
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['cache-control']).toBe('private, no-cache, must-revalidate');
      const body = (await response.body.json()) as GraphQLResponse['body'];
      expect(body.errors![0]!.extensions!['code']).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      expect(body.errors![0]!.message).not.toContain('<script>');
      expect(accCalls(stack)).toBe(0);
    });

    it('refuses a malformed id with 400 BAD_REQUEST', async () => {
      for (const body of [{ documentId: 42 }, { documentId: 'x'.repeat(300) }, { extensions: { persistedQuery: { version: 2, sha256Hash: 'photo-v1' } } }]) {
        const response = await post(stack, body);
        expect(response.status).toBe(400);
        expect(codeOf(response)).toBe('BAD_REQUEST');
      }
      // Healthy: a listed document by id still answers (full text, as expectHealthy sends, cannot).
      const after = await post<{ photo: { photoId: string } }>(stack, { documentId: 'photo-v1', variables: photoVariables });
      expect(after.body.data!.photo.photoId).toBe(DEMO.livePhotoId);
    });

    it('holds WebSocket subscriptions to the same list: an id runs its listed text, text is refused', async () => {
      const connection = await connected(stack.url, {}, { authorization: `Bearer ${stack.tokens.full}` });
      try {
        // graphql-ws needs a string query; the listed text runs whatever comes with the id.
        connection.send({ id: 'listed', type: 'subscribe', payload: { query: '', documentId: sha1(WATCH) } });
        const first = await connection.next((message) => message.id === 'listed' && message.type === 'next');
        expect(first.payload).toEqual({ data: { downloadOrderWatch: { orderId: '1001', status: expect.any(String) } } });
        connection.subscribe('text', WATCH);
        const refused = await connection.ended('text');
        expect(refused.type).toBe('error');
        expect(codesOf(refused)).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);
        const other = WATCH.replace('1001', '1002');
        connection.send({ id: 'unknown', type: 'subscribe', payload: { query: other, extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(other) } } } });
        expect(codesOf(await connection.ended('unknown'))).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
      } finally {
        connection.close();
      }
    });
  });

  describe('safelist: listed documents run by id or by their full text', () => {
    let stack: TestStack;
    beforeAll(async () => {
      const manifest = await manifestFile('safelist.json', codegenManifest([PHOTO, HEALTH_QUERY]));
      stack = await startStack({ env: { PERSISTED_DOCUMENTS: manifest, PERSISTED_DOCUMENTS_MODE: 'safelist' } });
    });
    afterAll(() => stack.close());

    it('runs a listed text however it is spaced and commented, and refuses an unlisted one with 400 QUERY_NOT_IN_SAFELIST', async () => {
      const respaced = `# the photo card\n${PHOTO.replace(/ \{ /g, ' {\n  ').replace(/ \}/g, '\n}')}`;
      const listed = await post<{ photo: { photoId: string } }>(stack, { query: respaced, variables: photoVariables });
      expect(listed.body.errors).toBeUndefined();
      expect(listed.body.data!.photo.photoId).toBe(DEMO.livePhotoId);
      accCalls(stack);
      const unlisted = await post(stack, { query: UNLISTED, variables: photoVariables });
      expect(unlisted.status).toBe(400);
      expect(codeOf(unlisted)).toBe('QUERY_NOT_IN_SAFELIST');
      expect(accCalls(stack)).toBe(0);
    });

    it('speaks APQ to a client that hashes what it sends: a listed text’s SHA-256 runs, an unknown hash is asked for its text, which is then checked', async () => {
      const byHash = await post<{ photo: { photoId: string } }>(stack, persistedQuery(PHOTO, photoVariables, { register: false }));
      expect(byHash.body.data!.photo.photoId).toBe(DEMO.livePhotoId);
      const unknown = await post(stack, persistedQuery(UNLISTED, photoVariables, { register: false }));
      expect(unknown.status).toBe(200);
      expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
      const retried = await post(stack, persistedQuery(UNLISTED, photoVariables, { register: true }));
      expect(retried.status).toBe(400);
      expect(codeOf(retried)).toBe('QUERY_NOT_IN_SAFELIST');
      await expectHealthy(stack);
    });

    it('checks the document of a multipart request too', async () => {
      const response = await multipartRequest(stack.url, { query: UNLISTED, variables: photoVariables }, {}, [], { headers: bearer(stack.tokens.full) });
      expect(response.statusCode).toBe(400);
      expect(((await response.body.json()) as GraphQLResponse['body']).errors![0]!.extensions!['code']).toBe('QUERY_NOT_IN_SAFELIST');
    });
  });

  describe('log: everything runs, and what no manifest lists is counted and logged', () => {
    let stack: TestStack;
    const logs = captureLogs('info');
    beforeAll(async () => {
      const manifest = await manifestFile('log.json', apolloManifest([{ id: 'photo-v1', name: 'TrustedPhoto', type: 'query', body: PHOTO }]));
      // log is the default mode once PERSISTED_DOCUMENTS is set.
      stack = await startStack({ env: { PERSISTED_DOCUMENTS: manifest }, logger: logs.logger });
    });
    afterAll(() => stack.close());

    const untrusted = async (operation: string, client: string) =>
      total((await scrape(stack.url)).samples, 'mediagraph_graphql_untrusted_documents_total', { operation, client });

    it('counts an unlisted document by operation and client, each time it runs, APQ hits included', async () => {
      const before = await untrusted('Unlisted', 'ios-app');
      const client = { 'apollographql-client-name': 'ios-app', 'apollographql-client-version': '2.0.1' };
      const asText = await post(stack, { query: UNLISTED, variables: photoVariables }, client);
      expect(asText.body.errors).toBeUndefined();
      const registered = await post(stack, persistedQuery(UNLISTED, photoVariables, { register: true }), client);
      expect(registered.body.errors).toBeUndefined();
      const byHash = await post(stack, persistedQuery(UNLISTED, photoVariables, { register: false }), client);
      expect(byHash.body.errors).toBeUndefined();
      expect((await untrusted('Unlisted', 'ios-app')) - before).toBe(3);
      const line = logs.lines().find((entry) => entry.msg === 'untrusted document');
      expect(line).toEqual(expect.objectContaining({ level: 'warn', operation: 'Unlisted', clientName: 'ios-app', clientVersion: '2.0.1', queryHash: queryHash(UNLISTED), document: UNLISTED }));
    });

    it('counts an unlisted subscription over WebSocket too, and refuses an unknown documentId even here', async () => {
      const before = await untrusted('TrustedWatch', 'unknown');
      const connection = await connected(stack.url, {}, { authorization: `Bearer ${stack.tokens.full}` });
      try {
        connection.subscribe('watch', WATCH);
        await connection.next((message) => message.id === 'watch' && message.type === 'next');
      } finally {
        connection.close();
      }
      expect((await untrusted('TrustedWatch', 'unknown')) - before).toBe(1);
      const unknown = await post(stack, { documentId: sha1(UNLISTED), variables: photoVariables });
      expect(unknown.status).toBe(400);
      expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    });

    it('does not count a listed document, by id or by text', async () => {
      const before = await untrusted('TrustedPhoto', 'unknown');
      expect((await post(stack, { query: PHOTO, variables: photoVariables })).body.errors).toBeUndefined();
      expect((await post(stack, { extensions: { persistedQuery: { version: 1, sha256Hash: 'photo-v1' } }, variables: photoVariables })).body.errors).toBeUndefined();
      expect((await untrusted('TrustedPhoto', 'unknown')) - before).toBe(0);
    });
  });

  describe('manifests change without a restart', () => {
    it('re-reads a file every PERSISTED_DOCUMENTS_REFRESH_SECONDS: a document added runs, one removed is refused', async () => {
      const file = await manifestFile('refreshed.json', codegenManifest([PHOTO]));
      const stack = await startStack({ env: { PERSISTED_DOCUMENTS: file, PERSISTED_DOCUMENTS_MODE: 'require', PERSISTED_DOCUMENTS_REFRESH_SECONDS: '1' } });
      try {
        expect(codeOf(await post(stack, { documentId: sha1(ORDER), variables: { id: '1001' } }))).toBe('PERSISTED_QUERY_NOT_IN_LIST');
        await writeFile(file, codegenManifest([ORDER]));
        const order = await eventually(() => post(stack, { documentId: sha1(ORDER), variables: { id: '1001' } }), (response) => response.status === 200);
        expect(order.body.data).toEqual({ downloadOrder: { orderId: '1001' } });
        expect(codeOf(await post(stack, { documentId: sha1(PHOTO), variables: photoVariables }))).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      } finally {
        await stack.close();
      }
    });

    it('polls a URL with its ETag, and keeps the last good list when the URL fails or serves a broken manifest', async () => {
      const served = manifestServer(codegenManifest([PHOTO]));
      const url = await served.listen();
      const stack = await startStack({ env: { PERSISTED_DOCUMENTS: `${url}?token=secret`, PERSISTED_DOCUMENTS_MODE: 'require', PERSISTED_DOCUMENTS_REFRESH_SECONDS: '0' } });
      try {
        const refreshes = async (outcome: string) => total((await scrape(stack.url)).samples, 'mediagraph_trusted_document_refreshes_total', { outcome });
        const trusted = stack.app.trustedDocuments!;
        await trusted.refresh();
        expect(served.requests.at(-1)).toEqual({ ifNoneMatch: served.etag(), answered: 304 });
        expect(await refreshes('unchanged')).toBe(1);

        served.answer(500);
        await trusted.refresh();
        served.answer(200, '{"not": ["a manifest"]}');
        await trusted.refresh();
        expect(await refreshes('failed')).toBe(2);
        const photo = await post(stack, { documentId: sha1(PHOTO), variables: photoVariables });
        expect(photo.status).toBe(200);
        expect(photo.body.errors).toBeUndefined();

        served.answer(200, codegenManifest([PHOTO, ORDER]));
        await trusted.refresh();
        expect(await refreshes('updated')).toBe(1);
        expect(total((await scrape(stack.url)).samples, 'mediagraph_trusted_documents', {})).toBe(2);
        expect((await post(stack, { documentId: sha1(ORDER), variables: { id: '1001' } })).status).toBe(200);
      } finally {
        await stack.close();
        await served.close();
      }
    });
  });

  it('reads no id with trusted documents off: a documentId is no query to Apollo', async () => {
    const stack = await startStack();
    try {
      const response = await post(stack, { documentId: sha1(PHOTO), variables: photoVariables });
      expect(response.status).toBe(400);
      expect(codeOf(response)).toBe('BAD_REQUEST');
      expect(stack.app.trustedDocuments).toBeUndefined();
    } finally {
      await stack.close();
    }
  });

  describe('a manifest that cannot be trusted stops the start, naming itself', () => {
    const startWith = (env: Record<string, string>) => startApp(loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...env }));

    it.each([
      ['missing', async () => path.join(dir, 'missing.json'), /missing\.json: ENOENT/],
      ['not JSON', () => manifestFile('broken.json', '{"format":'), /broken\.json: is not JSON/],
      ['neither format', () => manifestFile('other.json', '{"operations": 3}'), /other\.json: is neither an Apollo persisted query manifest nor a codegen/],
      ['a document that does not parse', () => manifestFile('unparsable.json', codegenManifest(['query {'])), /unparsable\.json: document \w+ does not parse/],
    ])('%s', async (_case, make, message) => {
      await expect(startWith({ PERSISTED_DOCUMENTS: await make(), PERSISTED_DOCUMENTS_MODE: 'require' })).rejects.toThrow(message);
    });

    it('one id naming two documents in two manifests', async () => {
      const first = await manifestFile('first.json', apolloManifest([{ id: 'same', name: 'TrustedPhoto', type: 'query', body: PHOTO }]));
      const second = await manifestFile('second.json', apolloManifest([{ id: 'same', name: 'TrustedOrder', type: 'query', body: ORDER }]));
      await expect(startWith({ PERSISTED_DOCUMENTS: `${first},${second}` })).rejects.toThrow(/id same names two different documents, in .*first\.json and in .*second\.json/);
    });

    it('a mode with no manifest, or a subgraph that would refuse its router’s query plans, is a configuration error', () => {
      expect(() => loadConfig({ PERSISTED_DOCUMENTS: 'a.json', PERSISTED_DOCUMENTS_MODE: 'require', GRAPHQL_FEDERATION: 'true' })).toThrow(/the router in front of a subgraph holds the safelist/);
      expect(() => loadConfig({ PERSISTED_DOCUMENTS_MODE: 'safelist' })).toThrow(/PERSISTED_DOCUMENTS: required when PERSISTED_DOCUMENTS_MODE is safelist/);
      expect(loadConfig({ PERSISTED_DOCUMENTS: 'a.json', PERSISTED_DOCUMENTS_MODE: 'off' }).trustedDocuments).toBeUndefined();
      expect(loadConfig({ PERSISTED_DOCUMENTS: 'a.json, b.json', PERSISTED_DOCUMENTS_MODE: '' }).trustedDocuments).toEqual({ mode: 'log', sources: ['a.json', 'b.json'], refreshSeconds: 60 });
      expect(loadConfig({ PERSISTED_DOCUMENTS: '', PERSISTED_DOCUMENTS_MODE: '' }).trustedDocuments).toBeUndefined();
    });
  });
});

function codesOf(message: ServerMessage): unknown[] {
  return (message.payload as Array<{ extensions?: { code?: string } }>).map((error) => error.extensions?.code);
}

async function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A manifest served over loopback HTTP with an ETag, as a frontend's CI might publish it. */
function manifestServer(initial: string) {
  let body = initial;
  let status = 200;
  const requests: Array<{ ifNoneMatch?: string; answered: number }> = [];
  const etag = () => `"${sha1(body)}"`;
  const server = http.createServer((req, res) => {
    const ifNoneMatch = req.headers['if-none-match'];
    const answered = status === 200 && ifNoneMatch === etag() ? 304 : status;
    requests.push({ ifNoneMatch, answered });
    res.writeHead(answered, answered === 200 ? { 'content-type': 'application/json', etag: etag() } : {}).end(answered === 200 ? body : undefined);
  });
  return {
    requests,
    etag,
    answer(nextStatus: number, nextBody = body) {
      status = nextStatus;
      body = nextBody;
    },
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/manifest.json`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
