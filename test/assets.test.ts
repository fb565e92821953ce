import { readdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { ASSETS_DEMO } from '../src/simulators/assets/server';
import { bytesFile, generatedFile, multipartRequest, sha256Of } from './helpers/multipart';
import type { TestFile } from './helpers/multipart';
import { bearer, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';
import { waitFor, waitForAsync } from './helpers/waitFor';

/** Asset's deprecated fields: the store cannot tell them by key. */
const ASSET_RECORD_FIELDS = `
  assetId companyId name type visibility active priority deleted updated created modified
  publicUrl thumbUrl mediumUrl largeUrl largeX2Url origUrl platformFileUrl
`;
const ASSET = `id key contentUrl ${ASSET_RECORD_FIELDS}`;
const UPLOAD = /* GraphQL */ `
  mutation($input: AssetUploadInput!) {
    assetUpload(input: $input) {
      asset { ${ASSET} }
      record { key ${ASSET_RECORD_FIELDS} }
      userErrors { field message code }
    }
  }
`;
const MAX_FILE_BYTES = 8 * 1024 * 1024;

type AnsweredAsset = Record<string, unknown> & { id: string; key: string; contentUrl: string };

interface UploadAnswer {
  data?: { assetUpload: { asset: AnsweredAsset | null; record: Record<string, unknown> | null; userErrors: unknown[] } } | null;
  errors?: Array<{ message: string; path?: string[]; extensions: { code: string } }>;
}

/** What an asset answers besides its id, key and (signed, so ever new) contentUrl. */
function recordFieldsOf(asset: AnsweredAsset): Record<string, unknown> {
  return Object.fromEntries(Object.entries(asset).filter(([field]) => !['id', 'key', 'contentUrl'].includes(field)));
}

describe('assets', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { UPLOAD_MAX_FILE_BYTES: String(MAX_FILE_BYTES), UPLOAD_MAX_FILES: '3' } });
  });
  afterAll(() => stack.close());

  async function upload(file: TestFile, input: Record<string, unknown> = {}, headers?: Record<string, string>) {
    const response = await multipartRequest(
      stack.url,
      { query: UPLOAD, variables: { input: { file: null, ...input } } },
      { 0: ['variables.input.file'] },
      [file],
      { headers: { ...bearer(stack.tokens.full), ...headers } },
    );
    return { status: response.statusCode, body: (await response.body.json()) as UploadAnswer };
  }

  const partialFiles = async () => (await readdir(stack.assets.store.directory)).filter((name) => name.startsWith('.partial'));

  it.each([
    ['a small file', bytesFile('brief.txt', Buffer.from('front elevation, golden hour\n'), 'text/plain')],
    ['an empty file', bytesFile('empty.bin', Buffer.alloc(0))],
  ])('streams %s to the asset store byte for byte', async (_what, file) => {
    const { content } = file;
    const { body } = await upload(file, { name: 'My file', visibility: 'PUBLIC' });
    expect(body.errors).toBeUndefined();
    const { asset, record, userErrors } = body.data!.assetUpload;
    expect(userErrors).toEqual([]);
    const stored = stack.assets.store.get(asset!.key)!;
    expect(stored.sha256).toBe(sha256Of(content));
    expect(stored.size).toBe(content.length);
    expect(record).toMatchObject({ key: asset!.key, name: 'My file', visibility: 'PUBLIC', publicUrl: stored.asset.publicURL, assetId: stored.asset.id });
    expect(record!.created).toBe(new Date(stored.asset.created!).toISOString());
  });

  it('streams a large file through unchanged and keeps it private by default', async () => {
    const file = generatedFile('site-survey.bin', MAX_FILE_BYTES - 12345);
    const { body } = await upload(file);
    expect(body.errors).toBeUndefined();
    const { asset, record } = body.data!.assetUpload;
    expect(record).toMatchObject({ name: 'site-survey.bin', visibility: 'PRIVATE' });
    expect(stack.assets.store.get(asset!.key)!.sha256).toBe(await file.sha256);
  });

  it('uploads several files in one request, in order, each with its own payload', async () => {
    const files = [0, 1, 2].map((index) => bytesFile(`page-${index}.txt`, Buffer.from(`page ${index} `.repeat(1000 * (index + 1)))));
    const response = await multipartRequest(
      stack.url,
      {
        query: `mutation($inputs: [AssetUploadInput!]!) { assetUploadMany(inputs: $inputs) { asset { key } record { name } userErrors { code } } }`,
        variables: { inputs: files.map(() => ({ file: null })) },
      },
      { 0: ['variables.inputs.0.file'], 1: ['variables.inputs.1.file'], 2: ['variables.inputs.2.file'] },
      files,
      { headers: bearer(stack.tokens.full) },
    );
    const body = (await response.body.json()) as { data: { assetUploadMany: Array<{ asset: { key: string }; record: { name: string } }> } };
    const payloads = body.data.assetUploadMany;
    expect(payloads.map((payload) => payload.record.name)).toEqual(['page-0.txt', 'page-1.txt', 'page-2.txt']);
    for (const [index, payload] of payloads.entries()) {
      expect(stack.assets.store.get(payload.asset.key)!.sha256).toBe(sha256Of(files[index]!.content));
    }
  });

  it('returns what the store refuses as userErrors, not as a failure', async () => {
    const { body } = await upload(bytesFile('setup.exe', Buffer.from('MZ'), 'application/x-msdownload'));
    expect(body.errors).toBeUndefined();
    expect(body.data!.assetUpload).toEqual({
      asset: null,
      record: null,
      userErrors: [{ field: ['input', 'file'], message: expect.stringContaining('assets'), code: 'REJECTED_BY_VENDOR' }],
    });
  });

  it('cuts an over-size file off while streaming with PAYLOAD_TOO_LARGE and leaves no asset behind', async () => {
    const assetsBefore = stack.assets.store.size;
    const abortedBefore = stack.assets.abortedUploads;
    const { body } = await upload(generatedFile('too-big.bin', MAX_FILE_BYTES * 3));
    expect(body.data?.assetUpload ?? null).toBeNull();
    expect(body.errors![0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    await waitFor(() => stack.assets.abortedUploads > abortedBefore);
    await waitForAsync(async () => (await partialFiles()).length === 0);
    expect(stack.assets.store.size).toBe(assetsBefore);
  });

  it('refuses more files than allowed with PAYLOAD_TOO_LARGE', async () => {
    const files = [0, 1, 2, 3].map((index) => bytesFile(`f${index}.txt`, Buffer.from('x')));
    const response = await multipartRequest(
      stack.url,
      { query: `mutation($inputs: [AssetUploadInput!]!) { assetUploadMany(inputs: $inputs) { asset { key } } }`, variables: { inputs: files.map(() => ({ file: null })) } },
      Object.fromEntries(files.map((_file, index) => [String(index), [`variables.inputs.${index}.file`]])),
      files,
      { headers: bearer(stack.tokens.full) },
    );
    expect(response.statusCode).toBe(413);
    expect(await response.body.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('aborts the vendor upload when the client disconnects mid-file, keeping nothing', async () => {
    const assetsBefore = stack.assets.store.size;
    const abortedBefore = stack.assets.abortedUploads;
    const disconnect = new AbortController();
    const endless: TestFile = {
      filename: 'endless.bin',
      contentType: 'application/octet-stream',
      chunks: async function* () {
        for (;;) {
          yield Buffer.alloc(64 * 1024, 7);
          await sleep(5);
        }
      },
    };
    const request = multipartRequest(stack.url, { query: UPLOAD, variables: { input: { file: null } } }, { 0: ['variables.input.file'] }, [endless], {
      headers: bearer(stack.tokens.full),
      signal: disconnect.signal,
    }).catch(() => 'disconnected');
    // Wait until the gateway is streaming the file on to the vendor, then go away.
    await waitFor(() => stack.assets.requests.some((r) => r.method === 'POST'));
    await sleep(200);
    expect(await partialFiles()).toHaveLength(1);
    disconnect.abort();
    expect(await request).toBe('disconnected');
    await waitFor(() => stack.assets.abortedUploads > abortedBefore);
    await waitForAsync(async () => (await partialFiles()).length === 0);
    expect(stack.assets.store.size).toBe(assetsBefore);
  });

  it('refuses multipart requests without a CSRF preflight header before reading the body', async () => {
    // The file part never finishes: an answer can only come from refusing before the body.
    const never: TestFile = {
      filename: 'x.bin',
      contentType: 'application/octet-stream',
      chunks: async function* () {
        yield Buffer.alloc(1);
        await sleep(60_000, undefined, { ref: false });
      },
    };
    stack.assets.requests.splice(0);
    const response = await multipartRequest(stack.url, { query: UPLOAD, variables: { input: { file: null } } }, { 0: ['variables.input.file'] }, [never], {
      headers: { ...bearer(stack.tokens.full), 'apollo-require-preflight': '' },
    });
    expect(response.statusCode).toBe(400);
    expect(await response.body.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    expect(stack.assets.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it.each([['__proto__.polluted'], ['constructor.prototype.polluted'], ['variables.__proto__.polluted']])(
    'refuses a crafted map path %s and leaves Object.prototype alone',
    async (path) => {
      const response = await multipartRequest(stack.url, { query: UPLOAD, variables: { input: { file: null } } }, { 0: [path] }, [
        bytesFile('evil.txt', Buffer.from('x')),
      ], { headers: bearer(stack.tokens.full) });
      expect(response.statusCode).toBe(400);
      expect(await response.body.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
  );

  describe('contentUrl', () => {
    async function uploaded(visibility: 'PUBLIC' | 'PRIVATE', content = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${visibility}</svg>`)) {
      const { body } = await upload(bytesFile('logo.svg', content, 'image/svg+xml'), { visibility });
      return { ...body.data!.assetUpload.asset!, content };
    }

    it('streams the bytes with the store’s type, length and cache headers, and never the layer’s or the caller’s token', async () => {
      const asset = await uploaded('PRIVATE');
      expect(asset.contentUrl).not.toContain(ASSETS_DEMO.token);
      expect(asset.contentUrl).not.toContain(stack.tokens.full);
      const response = await request(asset.contentUrl);
      const bytes = Buffer.from(await response.body.arrayBuffer());
      expect(response.statusCode).toBe(200);
      expect(bytes.equals(asset.content)).toBe(true);
      expect(response.headers['content-type']).toBe('image/svg+xml');
      expect(response.headers['content-length']).toBe(String(asset.content.length));
      expect(response.headers['cache-control']).toBe('private, max-age=2592000');
      expect(response.headers.etag).toMatch(/^".+"$/);
      expect(response.headers['last-modified']).toBeDefined();
      expect(JSON.stringify(response.headers)).not.toContain(ASSETS_DEMO.token);
      expect(JSON.stringify(response.headers)).not.toContain(stack.tokens.full);
    });

    it('answers conditional requests with 304', async () => {
      const asset = await uploaded('PUBLIC');
      const first = await request(asset.contentUrl);
      await first.body.dump();
      for (const headers of [{ 'if-none-match': String(first.headers.etag) }, { 'if-modified-since': String(first.headers['last-modified']) }]) {
        const again = await request(asset.contentUrl, { headers });
        await again.body.dump();
        expect(again.statusCode).toBe(304);
      }
    });

    it('serves public assets to anyone and private ones only through a valid signed link', async () => {
      const unsigned = (url: string) => url.replace(/\?.*$/, '');
      const publicAsset = await uploaded('PUBLIC');
      const privateAsset = await uploaded('PRIVATE');
      const status = async (url: string) => {
        const response = await request(url);
        await response.body.dump();
        return response.statusCode;
      };
      expect(await status(unsigned(publicAsset.contentUrl))).toBe(200);
      expect(await status(unsigned(privateAsset.contentUrl))).toBe(404);
      expect(await status(privateAsset.contentUrl.replace(/signature=[^&]+/, 'signature=forged'))).toBe(403);
      expect(await status(privateAsset.contentUrl.replace(/expires=\d+/, 'expires=1000'))).toBe(403);
      const otherKey = privateAsset.contentUrl.replace(privateAsset.key, publicAsset.key);
      expect(await status(otherKey)).toBe(403);
    });

    it('keeps asset keys inside the asset path of the store', async () => {
      const origin = new URL(stack.url).origin;
      stack.assets.requests.splice(0);
      for (const key of ['..%2F..%2Fupload%2Fpublic', '%2E%2E', 'a%2Fb', 'a%252Fb']) {
        const response = await request(`${origin}/assets/${key}/content`);
        await response.body.dump();
        expect([400, 404]).toContain(response.statusCode);
      }
      expect(stack.assets.requests.every((r) => r.method === 'GET' && r.path.split('/').length === 6)).toBe(true);
    });

    it('finds an asset by key and by global ID', async () => {
      const { body } = await stack.graphql<{ asset: { id: string; contentUrl: string } }>(`{ asset(key: "${ASSETS_DEMO.publicKey}") { id contentUrl } }`);
      const again = await stack.graphql<{ node: { key: string } }>(`query($id: ID!) { node(id: $id) { ... on Asset { key } } }`, { id: body.data!.asset.id });
      expect(again.body.data!.node.key).toBe(ASSETS_DEMO.publicKey);
      const response = await request(body.data!.asset.contentUrl);
      expect(response.headers['content-type']).toBe('image/svg+xml');
      await response.body.dump();
    });
  });

  it('answers an asset with the same values by upload, by key and by global id, without a vendor call to look it up', async () => {
    const { body } = await upload(bytesFile('plan.pdf', Buffer.from('%PDF-1.7 plan'), 'application/pdf'), { visibility: 'PUBLIC' });
    const { asset, record } = body.data!.assetUpload;
    expect(record).toMatchObject({ name: 'plan.pdf', type: 'DOCUMENT', visibility: 'PUBLIC', created: expect.any(String) });
    // What the store cannot tell by key is null on every path, the upload's included.
    expect(recordFieldsOf(asset!)).toEqual(Object.fromEntries(ASSET_RECORD_FIELDS.trim().split(/\s+/).map((field) => [field, null])));
    stack.assets.requests.splice(0);

    const byKey = await stack.graphql<{ asset: AnsweredAsset }>(`query($key: ID!) { asset(key: $key) { ${ASSET} } }`, { key: asset!.key });
    const byId = await stack.graphql<{ node: AnsweredAsset }>(`query($id: ID!) { node(id: $id) { ... on Asset { ${ASSET} } } }`, { id: asset!.id });
    for (const found of [byKey.body.data!.asset, byId.body.data!.node]) {
      expect(found).toMatchObject({ id: asset!.id, key: asset!.key, contentUrl: expect.stringContaining(`/assets/${asset!.key}/content?`) });
      expect(recordFieldsOf(found)).toEqual(recordFieldsOf(asset!));
    }
    expect(stack.assets.requests).toEqual([]);
  });
});

describe('asset upload answers the store’s doc allows (every CompanyAsset field optional)', () => {
  const PLAN_UPLOAD = { query: UPLOAD, variables: { input: { file: null } } };
  const plan = () => bytesFile('plan.pdf', Buffer.from('%PDF-1.7 plan'), 'application/pdf');

  async function uploadTo(stack: TestStack) {
    const response = await multipartRequest(stack.url, PLAN_UPLOAD, { 0: ['variables.input.file'] }, [plan()], { headers: bearer(stack.tokens.full) });
    return { status: response.statusCode, body: (await response.body.json()) as UploadAnswer };
  }

  it('answers null for what the store left out, and makes nothing up', async () => {
    const stack = await startStack({ assets: { uploadAnswerOmits: ['name', 'secured', 'created', 'publicURL'] } });
    try {
      const { status, body } = await uploadTo(stack);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const { asset, record } = body.data!.assetUpload;
      expect(record).toMatchObject({ key: asset!.key, name: null, visibility: null, created: null, publicUrl: null, type: 'DOCUMENT' });
      expect(stack.assets.store.get(asset!.key)!.sha256).toBe(sha256Of(plan().content));
    } finally {
      await stack.close();
    }
  });

  it('answers UPSTREAM_BAD_RESPONSE at the asset, and the record it has, when the store names no key', async () => {
    const stack = await startStack({ assets: { uploadAnswerOmits: ['key'] } });
    try {
      const storedBefore = stack.assets.store.size;
      const { status, body } = await uploadTo(stack);
      expect(status).toBe(200);
      expect(body.data!.assetUpload).toMatchObject({ asset: null, record: { key: null, name: 'plan.pdf', visibility: 'PRIVATE' }, userErrors: [] });
      expect(body.errors).toEqual([expect.objectContaining({ path: ['assetUpload', 'asset'], extensions: expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }) })]);
      // The store kept the file (an upload is never retried): one call, one asset no key can reach.
      expect(stack.assets.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
      expect(stack.assets.store.size).toBe(storedBefore + 1);
    } finally {
      await stack.close();
    }
  });
});
