import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Caller } from '../../src/auth/caller';
import { ANONYMOUS } from '../../src/auth/caller';
import { AccToken } from '../../src/auth/accToken';
import { toGlobalId } from '../../src/graphql/relay/globalId';
import type { ImportableFile } from '../../src/imports/importableFile';
import { resolveImportSource } from '../../src/imports/sources';
import type { ImportSourceRef } from '../../src/imports/sources';
import { DEMO } from '../../src/simulators/acc/seed';
import { simulatedFileBytes } from '../../src/simulators/files';
import { startVendors } from '../helpers/executionContext';
import type { Vendors } from '../helpers/executionContext';

const PROJECT = DEMO.projectIds[0];
const MIB = 1024 * 1024;

function callerWith(...scopes: string[]): Caller {
  return { kind: 'token', sub: 'user-1', clientId: 'client-1', scopes: new Set(scopes), expiresAt: Date.now() + 3_600_000 };
}
const FULL = callerWith('materials:read', 'assets:read', 'assets:write', 'download-orders:read', 'download-orders:write');

async function sha256(body: Readable): Promise<{ hash: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { hash: hash.digest('hex'), bytes };
}

/** Reads the whole file through its `open`, as an import's job does. */
async function readAll(file: ImportableFile): Promise<{ hash: string; bytes: number; declared: number | null }> {
  const download = await file.open(new AbortController().signal);
  return { ...(await sha256(download.body)), declared: download.size };
}

let vendors: Vendors;
beforeAll(async () => {
  vendors = await startVendors();
});
afterAll(() => vendors.close());
afterEach(() => {
  vendors.acc.fileFaults.clear();
});

const resolve = (ref: ImportSourceRef, caller: Caller = FULL) => resolveImportSource(ref, vendors.context(caller));
const photoRef = (photoId: string, projectId: string = PROJECT): ImportSourceRef => ({ kind: 'photo', photoId: toGlobalId('Photo', projectId, photoId) });

describe('photo sources', () => {
  const photoId = 'a1b2c3d4-0000-4000-8000-000000000001';
  const videoId = 'a1b2c3d4-0000-4000-8000-000000000002';
  beforeAll(() => {
    vendors.acc.store.add({ id: photoId, projectId: PROJECT, mediaType: 'NORMAL', size: 3 * MIB + 17 });
    vendors.acc.store.add({ id: videoId, projectId: PROJECT, mediaType: 'VIDEO', size: 2 * MIB });
  });

  it('resolves a photo from a fresh signed URL, named and typed as the URL says, and reads the bytes ACC serves', async () => {
    const before = vendors.acc.requests.length;
    const file = await resolve(photoRef(photoId));
    expect(file).toMatchObject({ upstream: 'acc', filename: `${photoId}.jpg`, contentType: 'image/jpeg', size: 3 * MIB + 17 });
    const fetched = vendors.acc.requests.slice(before);
    expect(fetched.map((request) => [request.method, request.path, request.query['include']])).toEqual([
      ['GET', `/construction/photos/v1/projects/${PROJECT}/photos/${photoId}`, 'signedUrls'],
    ]);
    const expected = await sha256(simulatedFileBytes(`acc/${PROJECT}/${photoId}`, 3 * MIB + 17));
    expect(await readAll(file)).toEqual({ ...expected, declared: 3 * MIB + 17 });
  });

  it('resolves a video as an MP4', async () => {
    const file = await resolve(photoRef(videoId));
    expect(file).toMatchObject({ filename: `${videoId}.mp4`, contentType: 'video/mp4', size: 2 * MIB });
    expect((await readAll(file)).bytes).toBe(2 * MIB);
  });

  it.each([
    ['a malformed id', { kind: 'photo', photoId: 'not-an-id' }, 'BAD_USER_INPUT'],
    ['the id of another type', { kind: 'photo', photoId: toGlobalId('Project', PROJECT) }, 'BAD_USER_INPUT'],
    ['a photo ACC does not know', photoRef('00000000-0000-4000-8000-00000000dead'), 'NOT_FOUND'],
    ['a deleted photo', photoRef(DEMO.deletedPhotoId), 'GONE'],
  ] as const)('refuses %s with %s', async (_case, ref, code) => {
    await expect(resolve(ref)).rejects.toMatchObject({ code });
  });

  it('refuses an anonymous caller before calling ACC, and a caller without an ACC token', async () => {
    const before = vendors.acc.requests.length;
    await expect(resolve(photoRef(photoId), ANONYMOUS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(vendors.acc.requests.length).toBe(before);
    const context = { ...vendors.context(FULL), accToken: AccToken.fromHeader(undefined) };
    await expect(resolveImportSource(photoRef(photoId), context)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('x-acc-token') });
    expect(vendors.acc.requests.length).toBe(before);
  });

  it.each([
    [404, 'NOT_FOUND'],
    [410, 'GONE'],
  ] as const)('surfaces a signed file answering %i as %s when it is opened', async (status, code) => {
    const file = await resolve(photoRef(photoId));
    vendors.acc.fileFaults.inject({ kind: 'status', status });
    await expect(file.open(new AbortController().signal)).rejects.toMatchObject({ code, details: { upstream: 'acc', upstreamStatus: status } });
  });

  it('surfaces a signed file cut short as a stream error', async () => {
    const file = await resolve(photoRef(photoId));
    vendors.acc.fileFaults.inject({ kind: 'cutAfter', bytes: MIB });
    const download = await file.open(new AbortController().signal);
    expect(download.size).toBe(3 * MIB + 17);
    await expect(sha256(download.body)).rejects.toThrow();
  });
});
