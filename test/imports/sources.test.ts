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
import { link, orderResource } from '../../src/simulators/contentHub/seed';
import { MATERIALS_DEMO, addDeliveredDocument, materialFileUrl } from '../../src/simulators/materials/seed';
import { simulatedFileBytes } from '../../src/simulators/files';
import { startVendors } from '../helpers/executionContext';
import type { Vendors } from '../helpers/executionContext';

const PROJECT = DEMO.projectIds[0];
/** A host no test gateway trusts for downloads. */
const UNTRUSTED_URL = 'https://cdn.elsewhere.example/report.pdf';
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
  for (const simulator of [vendors.acc, vendors.materials, vendors.contentHub]) simulator.fileFaults.clear();
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

describe('material sources', () => {
  const { orderId, assignmentId } = MATERIALS_DEMO;
  const documentRef = (materialId: string): ImportSourceRef => ({ kind: 'material', orderId, assignmentId, productType: 'DOCUMENTS', materialId });
  beforeAll(() => {
    addDeliveredDocument(vendors.materials.store, { orderId, assignmentId, id: 'report-big', fileName: 'Survey report.pdf', fileSize: 3 * MIB + 5 });
    addDeliveredDocument(vendors.materials.store, { orderId, assignmentId, id: 'report-elsewhere', fileName: 'report.pdf', fileSize: 10, url: UNTRUSTED_URL });
  });

  it('resolves a material to the file the vendor lists, and reads the bytes the vendor serves', async () => {
    const before = vendors.materials.requests.length;
    const file = await resolve(documentRef('report-big'));
    expect(file).toMatchObject({ upstream: 'materials', filename: 'Survey report.pdf', contentType: 'application/pdf', size: 3 * MIB + 5 });
    expect(vendors.materials.requests.slice(before).map((request) => [request.path, request.query])).toEqual([
      [`/orders/${orderId}/assignments/${assignmentId}/materials`, { productType: 'DOCUMENTS' }],
    ]);
    const expected = await sha256(simulatedFileBytes(`materials${materialFileUrl(orderId, assignmentId, 'Survey%20report.pdf')}`, 3 * MIB + 5));
    expect(await readAll(file)).toEqual({ ...expected, declared: 3 * MIB + 5 });
  });

  it('resolves a photo material in the quality asked for', async () => {
    const ref = (visualQuality: 'HD' | 'WEB'): ImportSourceRef => ({
      kind: 'material',
      orderId,
      assignmentId,
      productType: 'GROUND_PHOTO',
      visualQuality,
      materialId: 'ord-1001-a1-ground_photo-001',
    });
    const [hd, web] = await Promise.all([resolve(ref('HD')), resolve(ref('WEB'))]);
    expect([hd.size, web.size]).toEqual([6_041_000, 453_100]);
    expect(await readAll(web)).toMatchObject({ bytes: 453_100, declared: 453_100 });
  });

  it('reads a whole assignment with one Materials call per product', async () => {
    const context = vendors.context(FULL);
    const before = vendors.materials.requests.length;
    const ids = ['001', '002', '003'].map((n) => `ord-1001-a1-floor_plan-${n}`);
    const settled = await Promise.allSettled(
      ids.map((materialId) => resolveImportSource({ kind: 'material', orderId, assignmentId, productType: 'FLOOR_PLAN', materialId }, context)),
    );
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(vendors.materials.requests.length - before).toBe(1);
  });

  it.each([
    ['a material the assignment does not have', documentRef('no-such-material'), 'NOT_FOUND'],
    ['an assignment the vendor does not know', { kind: 'material', orderId, assignmentId: 'A404', productType: 'DOCUMENTS', materialId: 'x' }, 'NOT_FOUND'],
    ['a virtual tour (a result link, no file)', { kind: 'material', orderId, assignmentId, productType: 'VIRTUAL_TOUR', materialId: 'ord-1001-a1-virtual_tour-001' }, 'BAD_USER_INPUT'],
    ['a visual quality for a product that has none', { kind: 'material', orderId, assignmentId, productType: 'VIDEO', visualQuality: 'HD', materialId: 'x' }, 'BAD_USER_INPUT'],
    ['a file on an origin IMPORT_DOWNLOAD_ORIGINS does not trust', documentRef('report-elsewhere'), 'UPSTREAM_BAD_RESPONSE'],
  ] as const)('refuses %s with %s', async (_case, ref, code) => {
    await expect(resolve(ref)).rejects.toMatchObject({ code });
  });

  it('refuses a caller without materials:read before calling the vendor', async () => {
    const before = vendors.materials.requests.length;
    await expect(resolve(documentRef('report-big'), callerWith('assets:write', 'download-orders:read'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Assignment needs the scope materials:read.',
    });
    await expect(resolve(documentRef('report-big'), ANONYMOUS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(vendors.materials.requests.length).toBe(before);
  });

  it.each([
    [{ kind: 'status', status: 404 }, { code: 'NOT_FOUND' }],
    [{ kind: 'status', status: 410 }, { code: 'GONE' }],
    [{ kind: 'redirect', location: 'https://cdn.elsewhere.example/report.pdf' }, { code: 'UPSTREAM_BAD_RESPONSE', details: { upstreamStatus: 302 } }],
  ] as const)('surfaces the file answering %j as %j', async (fault, error) => {
    const file = await resolve(documentRef('report-big'));
    vendors.materials.fileFaults.inject(fault);
    await expect(file.open(new AbortController().signal)).rejects.toMatchObject(error);
  });

  it('surfaces a file cut short as a stream error', async () => {
    const file = await resolve(documentRef('report-big'));
    vendors.materials.fileFaults.inject({ kind: 'cutAfter', bytes: 100_000 });
    const download = await file.open(new AbortController().signal);
    await expect(sha256(download.body)).rejects.toThrow();
  });
});

describe('download order sources', () => {
  const completed = 1004;
  const orderRef = (orderId: number | string): ImportSourceRef => ({ kind: 'downloadOrder', orderId: String(orderId) });
  beforeAll(() => {
    const origin = vendors.contentHub.url;
    vendors.contentHub.store.put(
      orderResource(origin, 5001, { targetCount: 2, status: 'Completed', download_location: link(`${origin}/api/downloads/5001.zip`, 'Site photos.zip') }),
      [1, 2],
      new Date(),
      2 * MIB + 3,
    );
    vendors.contentHub.store.put(orderResource(origin, 5002, { targetCount: 1, status: 'Completed' }), [1]);
    vendors.contentHub.store.put(orderResource(origin, 5003, { targetCount: 1, status: 'Shelved' }), [1]);
  });

  it("resolves a completed order to its ZIP, named by the link's title, and reads it with Content Hub's credentials", async () => {
    const file = await resolve(orderRef(5001));
    expect(file).toMatchObject({ upstream: 'contentHub', filename: 'Site photos.zip', contentType: 'application/zip', size: null });
    const expected = await sha256(simulatedFileBytes('contentHub/order-5001.zip', 2 * MIB + 3));
    expect(await readAll(file)).toEqual({ ...expected, declared: 2 * MIB + 3 });
    expect(vendors.contentHub.requests.at(-1)).toMatchObject({ path: '/api/downloads/5001.zip', status: 200 });
  });

  it("names a ZIP whose link has no title after the order", async () => {
    const origin = vendors.contentHub.url;
    vendors.contentHub.store.put(orderResource(origin, 5004, { targetCount: 1, status: 'Completed', download_location: link(`${origin}/api/downloads/5004.zip`) }), [1]);
    expect(await resolve(orderRef(5004))).toMatchObject({ filename: 'order-5004.zip' });
  });

  it.each([
    ['an order not yet completed', orderRef(1001), 'BAD_USER_INPUT', /is CREATED/],
    ['an archived order, though it has a download location', orderRef(1007), 'BAD_USER_INPUT', /is ARCHIVED/],
    ['a completed order without a download location', orderRef(5002), 'BAD_USER_INPUT', /COMPLETED without a download location/],
    ['an order in a status this gateway does not know', orderRef(5003), 'BAD_USER_INPUT', /"Shelved"/],
    ['an order Content Hub does not know', orderRef(999_999), 'NOT_FOUND', /./],
  ] as const)('refuses %s with %s', async (_case, ref, code, message) => {
    await expect(resolve(ref)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('refuses a caller without download-orders:read before calling Content Hub', async () => {
    const before = vendors.contentHub.requests.length;
    await expect(resolve(orderRef(completed), callerWith('materials:read', 'assets:write'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'DownloadOrder needs the scope download-orders:read.',
    });
    expect(vendors.contentHub.requests.length).toBe(before);
  });

  it.each([
    [{ kind: 'status', status: 404 }, 'NOT_FOUND'],
    [{ kind: 'status', status: 410 }, 'GONE'],
  ] as const)('surfaces the ZIP answering %j as %s', async (fault, code) => {
    const file = await resolve(orderRef(completed));
    vendors.contentHub.fileFaults.inject(fault);
    await expect(file.open(new AbortController().signal)).rejects.toMatchObject({ code });
  });

  it('surfaces a ZIP cut short as a stream error', async () => {
    const file = await resolve(orderRef(completed));
    vendors.contentHub.fileFaults.inject({ kind: 'cutAfter', bytes: 1000 });
    const download = await file.open(new AbortController().signal);
    expect(download.size).toBe(MIB);
    await expect(sha256(download.body)).rejects.toThrow();
  });
});
