import { readdir } from 'node:fs/promises';
import { request } from 'undici';
import { FILE_HIGH_WATER_MARK } from '../src/http/multipart/heldFile';
import { bytesFile, multipartParts, multipartRequest, rawMultipartRequest, sha256Of } from './helpers/multipart';
import { bearer, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';
import { waitFor, waitForAsync } from './helpers/waitFor';

/**
 * Malformed and hostile multipart bodies, written byte by byte and sent over real HTTP to the
 * real gateway: each is a 4xx with a stable code, leaves no asset (or partial file) at the asset
 * store, and leaves the process healthy (GET /healthz and a normal upload still work).
 */

const UPLOAD = /* GraphQL */ `mutation($input: AssetUploadInput!) { assetUpload(input: $input) { asset { key } userErrors { code } } }`;
const UPLOAD_MANY = /* GraphQL */ `mutation($inputs: [AssetUploadInput!]!) { assetUploadMany(inputs: $inputs) { asset { key } } }`;
const MAX_FILES = 10;
const JSON_LIMIT = 64 * 1024;
const ENV = { UPLOAD_MAX_FILES: String(MAX_FILES), JSON_BODY_LIMIT_BYTES: String(JSON_LIMIT) };
/** Larger than the streams' buffers: such a file only moves on while someone reads it. */
const LARGE = 8 * FILE_HIGH_WATER_MARK;

const BOUNDARY = 'b';
const parts = multipartParts(BOUNDARY);
/** An upload of one file, or of `inputs` files through assetUploadMany. */
const uploadOperations = (inputs = 1) =>
  JSON.stringify(inputs === 1 ? { query: UPLOAD, variables: { input: { file: null } } } : { query: UPLOAD_MANY, variables: { inputs: Array.from({ length: inputs }, () => ({ file: null })) } });
const operations = (inputs = 1) => parts.field('operations', uploadOperations(inputs));
const map = (inputs = 1) =>
  parts.field('map', JSON.stringify(inputs === 1 ? { 0: ['variables.input.file'] } : Object.fromEntries(Array.from({ length: inputs }, (_v, i) => [i, [`variables.inputs.${i}.file`]]))));
const smallFile = (name = '0') => parts.file(name, `${name}.txt`, 'tiny');
/** The body of the crash: `curl --data-binary $'--b\r\nBad Header: x\r\n\r\nx\r\n--b--\r\n'`. */
const CURL_CRASH_BODY = '--b\r\nBad Header: x\r\n\r\nx\r\n--b--\r\n';

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

async function send(stack: TestStack, body: Iterable<Buffer | string> | AsyncIterable<Buffer | string>) {
  const response = await rawMultipartRequest(stack.url, BOUNDARY, body, { headers: bearer(stack.tokens.full) });
  return { status: response.statusCode, body: (await response.body.json()) as Answer };
}

/** What the asset store holds now, to prove a refused request left nothing there. */
function assetStoreWatch(stack: TestStack) {
  const uploadsReceived = () => stack.assets.requests.filter((r) => r.method === 'POST').length;
  const assetsBefore = stack.assets.store.size;
  const uploadsBefore = uploadsReceived();
  return {
    /** Vendor upload calls made since the watch began. */
    uploadsStarted: () => uploadsReceived() - uploadsBefore,
    async expectNoAssetLeft() {
      await waitForAsync(async () => (await readdir(stack.assets.store.directory)).every((name) => !name.startsWith('.partial')));
      expect(stack.assets.store.size).toBe(assetsBefore);
    },
  };
}

async function expectHealthy(stack: TestStack) {
  const health = await request(`${new URL(stack.url).origin}/healthz`);
  expect(health.statusCode).toBe(200);
  await health.body.dump();
  const file = bytesFile('after.txt', Buffer.from('still uploading'));
  const response = await multipartRequest(stack.url, { query: UPLOAD, variables: { input: { file: null } } }, { 0: ['variables.input.file'] }, [file], {
    headers: bearer(stack.tokens.full),
  });
  const body = (await response.body.json()) as { data: { assetUpload: { asset: { key: string } } } };
  expect(response.statusCode).toBe(200);
  expect(stack.assets.store.get(body.data.assetUpload.asset.key)?.sha256).toBe(sha256Of(file.content));
}

function expectRefused(answer: { status: number; body: Answer }, status: 400 | 413) {
  expect(answer.status).toBe(status);
  expect(answer.body.errors?.[0]?.extensions.code).toBe(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST');
}

/**
 * operations and map for `mapped` files, then `filesSent` large files, each sent whole; then,
 * once every one of them is being uploaded to the vendor, `tail` (and the closing boundary
 * unless `cut`). Whatever the tail does to the request happens while the uploads are in flight.
 */
async function* bodyTurningBad(
  watch: ReturnType<typeof assetStoreWatch>,
  { mapped, filesSent = mapped, tail = [], cut = false }: { mapped: number; filesSent?: number; tail?: Buffer[]; cut?: boolean },
) {
  yield operations(mapped);
  yield map(mapped);
  for (let index = 0; index < filesSent; index++) {
    yield parts.fileHeader(String(index), `file-${index}.bin`);
    yield Buffer.alloc(LARGE, index);
    yield Buffer.from('\r\n');
  }
  await waitFor(() => watch.uploadsStarted() === filesSent);
  yield* tail;
  if (!cut) yield parts.end;
}

describe.each(['development', 'production'])('multipart bodies busboy refuses, in %s mode', (mode) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { ...ENV, NODE_ENV: mode } });
  });
  afterAll(() => stack.close());

  it('answers the issue’s curl body (a part header with a space in its name) with 400 BAD_REQUEST', async () => {
    const watch = assetStoreWatch(stack);
    expectRefused(await send(stack, [CURL_CRASH_BODY]), 400);
    expect(watch.uploadsStarted()).toBe(0);
    await watch.expectNoAssetLeft();
    await expectHealthy(stack);
  });

  it('answers a 17,000-character file name (a part header over 16 KiB) with 400 BAD_REQUEST', async () => {
    const watch = assetStoreWatch(stack);
    const answer = await send(stack, [operations(), map(), parts.fileHeader('0', 'a'.repeat(17_000)), 'x\r\n', parts.end]);
    expectRefused(answer, 400);
    expect(watch.uploadsStarted()).toBe(0);
    await watch.expectNoAssetLeft();
    await expectHealthy(stack);
  });

  it('answers a refused part header after a file already being uploaded with 400, and no asset is made', async () => {
    const watch = assetStoreWatch(stack);
    const answer = await send(stack, bodyTurningBad(watch, { mapped: 1, tail: [Buffer.from('--b\r\nBad Header: x\r\n\r\nx\r\n')] }));
    expectRefused(answer, 400);
    expect(watch.uploadsStarted()).toBe(1);
    await watch.expectNoAssetLeft();
    await expectHealthy(stack);
  });
});

describe('multipart bodies to a gateway on the simulators', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: ENV });
  });
  afterAll(() => stack.close());

  const largeOperations = JSON.stringify({ query: UPLOAD, variables: { input: { file: null, name: 'x'.repeat(JSON_LIMIT) } } });
  const tooManyEntries = Object.fromEntries(Array.from({ length: MAX_FILES + 1 }, (_v, i) => [i, [`variables.inputs.${i}.file`]]));

  // Refused before GraphQL runs: no resolver ever sees a file, so no vendor call is made.
  it.each<[string, Array<Buffer | string>, 400 | 413]>([
    ['operations that are not JSON', [parts.field('operations', '{"query":'), map(), smallFile(), parts.end], 400],
    ['operations that are a JSON array (a batch)', [parts.field('operations', `[${uploadOperations()}]`), map(), smallFile(), parts.end], 400],
    ['operations over the JSON body limit', [parts.field('operations', largeOperations), map(), smallFile(), parts.end], 413],
    ['a map that is not JSON', [operations(), parts.field('map', '{0:'), smallFile(), parts.end], 400],
    ['a map that is not an object', [operations(), parts.field('map', '[["variables.input.file"]]'), smallFile(), parts.end], 400],
    ['a map path that is not in the operations', [operations(), parts.field('map', '{"0":["variables.nope.file"]}'), smallFile(), parts.end], 400],
    ['a map path to a value that is not null', [operations(), parts.field('map', '{"0":["query"]}'), smallFile(), parts.end], 400],
    ['a map entry with two paths', [operations(), parts.field('map', '{"0":["variables.input.file","variables.input.file"]}'), smallFile(), parts.end], 400],
    ['a map with more entries than UPLOAD_MAX_FILES', [operations(), parts.field('map', JSON.stringify(tooManyEntries)), smallFile(), parts.end], 413],
    ['operations twice', [operations(), operations(), map(), smallFile(), parts.end], 400],
    ['the map before the operations', [map(), operations(), smallFile(), parts.end], 400],
    ['no map', [operations(), smallFile(), parts.end], 400],
    ['only the operations', [operations(), parts.end], 400],
    ['no fields at all', [smallFile(), parts.end], 400],
    ['an empty body', [''], 400],
    ['a body of nothing but the closing boundary', [parts.end], 400],
    ['a part header busboy refuses before the operations', [CURL_CRASH_BODY], 400],
  ])('%s: the request is refused before GraphQL runs', async (_what, body, status) => {
    const watch = assetStoreWatch(stack);
    expectRefused(await send(stack, body), status);
    expect(watch.uploadsStarted()).toBe(0);
    await watch.expectNoAssetLeft();
    await expectHealthy(stack);
  });

  // Refused once the operations were handed to GraphQL: whatever upload started is aborted.
  it.each<[string, Array<Buffer | string>, 400 | 413]>([
    ['a file part with no filename', [operations(), map(), parts.fileHeader('0', undefined), 'x\r\n', parts.end], 400],
    ['a file part sent as a plain field (no filename, no file type)', [operations(), map(), parts.field('0', 'x'), parts.end], 400],
    ['a file part with an empty filename', [operations(), map(), parts.file('0', '', 'x'), parts.end], 400],
    ['the same file part twice', [operations(), map(), smallFile(), smallFile(), parts.end], 400],
    ['a file part the map does not name', [operations(), map(), parts.file('7', 'x.txt', 'x'), parts.end], 400],
    ['a field part after the files', [operations(), map(), smallFile(), parts.field('extra', 'x'), parts.end], 400],
    ['a map naming a file the body lacks', [operations(2), map(2), smallFile(), parts.end], 400],
    ['a body cut off before its closing boundary', [operations(), map(), smallFile()], 400],
    ['11 files under a 10-entry map', [operations(10), map(10), ...Array.from({ length: 11 }, (_v, i) => smallFile(String(i))), parts.end], 413],
    ['more parts than operations, map and 10 files (parts without a Content-Disposition)', [operations(), map(), ...Array(MAX_FILES + 1).fill('--b\r\nContent-Type: text/plain\r\n\r\nx\r\n'), smallFile(), parts.end], 413],
  ])('%s: refused, and no asset is left', async (_what, body, status) => {
    const watch = assetStoreWatch(stack);
    expectRefused(await send(stack, body), status);
    await watch.expectNoAssetLeft();
    await expectHealthy(stack);
  });

  // The same faults arriving while the files before them are already streaming to the vendor.
  it.each<[string, Parameters<typeof bodyTurningBad>[1], 400 | 413]>([
    ['a field part after a file', { mapped: 1, tail: [parts.field('extra', 'x')] }, 400],
    ['a map naming a file the body lacks', { mapped: 2, filesSent: 1 }, 400],
    ['a body cut off before its closing boundary', { mapped: 1, cut: true }, 400],
    ['an 11th file under a 10-entry map, once the 10 others are uploading', { mapped: 10, tail: [smallFile('10')] }, 413],
  ])('%s, while the uploads are in flight: refused, the uploads are aborted and no asset is made', async (_what, shape, status) => {
    const watch = assetStoreWatch(stack);
    expectRefused(await send(stack, bodyTurningBad(watch, shape)), status);
    expect(watch.uploadsStarted()).toBe(shape.filesSent ?? shape.mapped);
    await watch.expectNoAssetLeft();
    await expectHealthy(stack);
  });

  it('a content type without a boundary is 400 BAD_REQUEST', async () => {
    const response = await request(stack.url, {
      method: 'POST',
      headers: { ...bearer(stack.tokens.full), 'content-type': 'multipart/form-data', 'apollo-require-preflight': 'true' },
      body: 'x',
    });
    expectRefused({ status: response.statusCode, body: (await response.body.json()) as Answer }, 400);
    await expectHealthy(stack);
  });

  it('a client that goes away after a whole file leaves no asset, though its upload had started', async () => {
    const watch = assetStoreWatch(stack);
    const disconnect = new AbortController();
    async function* body() {
      yield* bodyTurningBad(watch, { mapped: 2, filesSent: 1, cut: true });
      disconnect.abort();
    }
    await expect(rawMultipartRequest(stack.url, BOUNDARY, body(), { headers: bearer(stack.tokens.full), signal: disconnect.signal })).rejects.toThrow();
    expect(watch.uploadsStarted()).toBe(1);
    await watch.expectNoAssetLeft();
    await expectHealthy(stack);
  });

  it('uploads through mutation fields GraphQL runs one after the other, with files larger than the stream buffers', async () => {
    const files = [bytesFile('a.bin', Buffer.alloc(LARGE, 1)), bytesFile('b.bin', Buffer.alloc(LARGE, 2))];
    const response = await multipartRequest(
      stack.url,
      {
        query: `mutation($a: AssetUploadInput!, $b: AssetUploadInput!) { a: assetUpload(input: $a) { asset { key } } b: assetUpload(input: $b) { asset { key } } }`,
        variables: { a: { file: null }, b: { file: null } },
      },
      { 0: ['variables.a.file'], 1: ['variables.b.file'] },
      files,
      { headers: bearer(stack.tokens.full) },
    );
    const body = (await response.body.json()) as { data: Record<'a' | 'b', { asset: { key: string } }> };
    expect(response.statusCode).toBe(200);
    expect(stack.assets.store.get(body.data.a.asset.key)?.sha256).toBe(sha256Of(files[0]!.content));
    expect(stack.assets.store.get(body.data.b.asset.key)?.sha256).toBe(sha256Of(files[1]!.content));
  });

  it('refuses a bad part after fields run one after the other; the earlier field’s upload had to complete first', async () => {
    const assetsBefore = stack.assets.store.size;
    const watch = assetStoreWatch(stack);
    const serial = JSON.stringify({
      query: `mutation($a: AssetUploadInput!, $b: AssetUploadInput!) { a: assetUpload(input: $a) { asset { key } } b: assetUpload(input: $b) { asset { key } } }`,
      variables: { a: { file: null }, b: { file: null } },
    });
    const answer = await send(stack, [
      parts.field('operations', serial),
      parts.field('map', JSON.stringify({ 0: ['variables.a.file'], 1: ['variables.b.file'] })),
      parts.file('0', 'a.bin', Buffer.alloc(LARGE, 1)),
      parts.file('1', 'b.bin', Buffer.alloc(LARGE, 2)),
      parts.field('extra', 'x'),
      parts.end,
    ]);
    expectRefused(answer, 400);
    // b only starts once a is done, and b's file fills the buffers first: a's asset is made
    // (the case docs/assets.md describes); b's upload is aborted, and its non-null payload
    // takes the data with it.
    expect(watch.uploadsStarted()).toBe(2);
    expect(answer.body.data).toBeNull();
    expect(stack.assets.store.size).toBe(assetsBefore + 1);
    await expectHealthy(stack);
  });

  it('refuses at once, never hangs, when the operation reads its files in another order than the body sends them', async () => {
    const assetsBefore = stack.assets.store.size;
    const started = Date.now();
    const answer = await send(stack, [
      parts.field('operations', JSON.stringify({
        query: `mutation($a: AssetUploadInput!, $b: AssetUploadInput!) { a: assetUpload(input: $a) { asset { key } } b: assetUpload(input: $b) { asset { key } } }`,
        variables: { a: { file: null }, b: { file: null } },
      })),
      // Field a runs first and reads file 1, which comes after file 0 (b's): nobody reads file 0 yet.
      parts.field('map', JSON.stringify({ 0: ['variables.b.file'], 1: ['variables.a.file'] })),
      parts.file('0', 'b.bin', Buffer.alloc(LARGE, 2)),
      parts.file('1', 'a.bin', Buffer.alloc(LARGE, 1)),
      parts.end,
    ]);
    expectRefused(answer, 400);
    expect(answer.body.errors![0]!.message).toMatch(/in the order the operation reads them/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stack.assets.store.size).toBe(assetsBefore);
    await expectHealthy(stack);
  });

  it('answers when a large file sits at a variable the operation never reads', async () => {
    const watch = assetStoreWatch(stack);
    const files = [bytesFile('read.txt', Buffer.from('read me')), bytesFile('unread.bin', Buffer.alloc(LARGE * 2))];
    const response = await multipartRequest(
      stack.url,
      { query: UPLOAD, variables: { input: { file: null }, unused: null } },
      { 0: ['variables.input.file'], 1: ['variables.unused'] },
      files,
      { headers: bearer(stack.tokens.full) },
    );
    const body = (await response.body.json()) as { data: { assetUpload: { asset: { key: string } } } };
    expect(response.statusCode).toBe(200);
    expect(stack.assets.store.get(body.data.assetUpload.asset.key)?.sha256).toBe(sha256Of(files[0]!.content));
    expect(watch.uploadsStarted()).toBe(1);
    await expectHealthy(stack);
  });

  it('answers an operation that fails validation while its large file is still arriving, and makes no asset', async () => {
    const watch = assetStoreWatch(stack);
    const response = await multipartRequest(
      stack.url,
      { query: `mutation($input: AssetUploadInput!) { assetUpload(input: $input) { nope } }`, variables: { input: { file: null } } },
      { 0: ['variables.input.file'] },
      [bytesFile('big.bin', Buffer.alloc(LARGE * 4))],
      { headers: bearer(stack.tokens.full) },
    );
    const body = (await response.body.json()) as Answer;
    expect(response.statusCode).toBe(400);
    expect(body.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(watch.uploadsStarted()).toBe(0);
    await watch.expectNoAssetLeft();
    await expectHealthy(stack);
  });
});
