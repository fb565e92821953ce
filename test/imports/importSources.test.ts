import { createHash } from 'node:crypto';
import { link, orderResource } from '../../src/simulators/contentHub/seed';
import { simulatedFileBytes } from '../../src/simulators/files';
import { MATERIALS_DEMO, materialFileUrl } from '../../src/simulators/materials/seed';
import { expectHealthy } from '../helpers/health';
import { MIB, awaitImport, startImport } from '../helpers/imports';
import { bearer, startStack } from '../helpers/stack';
import type { TestStack } from '../helpers/stack';

async function sha256Of(identity: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of simulatedFileBytes(identity, size)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('imports of each source kind', () => {
  let stack: TestStack;
  const { orderId, assignmentId } = MATERIALS_DEMO;
  beforeAll(async () => {
    stack = await startStack();
    stack.materials.store.add(orderId, assignmentId, 'DOCUMENTS', {
      id: 'survey',
      type: 'DOCUMENT',
      url: materialFileUrl(orderId, assignmentId, 'survey.pdf'),
      fileName: 'Survey.pdf',
      contentType: 'application/pdf',
      fileSize: 2 * MIB + 64 * 1024,
      createdAt: '2025-06-01T10:00:00.000Z',
      modifiedAt: '2025-06-01T10:00:00.000Z',
    });
    const origin = stack.contentHub.url;
    stack.contentHub.store.put(
      orderResource(origin, 6001, { targetCount: 2, status: 'Completed', download_location: link(`${origin}/api/downloads/6001.zip`, 'Handover.zip') }),
      [1, 2],
      new Date(),
      3 * MIB,
    );
  });
  afterAll(() => stack.close());

  it('imports a material of an assignment, byte for byte', async () => {
    const size = 2 * MIB + 64 * 1024;
    const { assetImport, userErrors } = await startImport(stack, { source: { material: { orderId, assignmentId, productType: 'DOCUMENTS', materialId: 'survey' } } });
    expect(userErrors).toEqual([]);
    expect(assetImport).toMatchObject({ source: 'MATERIAL', filename: 'Survey.pdf', totalBytes: size });
    const done = await awaitImport(stack, assetImport!.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', bytesDone: size });
    const stored = stack.assets.store.get(done.asset!.key)!;
    expect(stored).toMatchObject({ contentType: 'application/pdf', size });
    expect(stored.sha256).toBe(await sha256Of(`materials${materialFileUrl(orderId, assignmentId, 'survey.pdf')}`, size));
  });

  it("imports a completed download order's ZIP, its total learnt from the download", async () => {
    const { assetImport, userErrors } = await startImport(stack, { source: { downloadOrder: '6001' } });
    expect(userErrors).toEqual([]);
    expect(assetImport).toMatchObject({ source: 'DOWNLOAD_ORDER', filename: 'Handover.zip' });
    const done = await awaitImport(stack, assetImport!.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', bytesDone: 3 * MIB, totalBytes: 3 * MIB });
    expect(stack.assets.store.get(done.asset!.key)!.sha256).toBe(await sha256Of('contentHub/order-6001.zip', 3 * MIB));
  });

  it("refuses a source the caller may not read as a FORBIDDEN userError, with no vendor call", async () => {
    const token = await stack.issuer.sign({ sub: 'writer', client_id: 'mediagraph-tests', scope: 'assets:write' }, { expiresInSeconds: 600 });
    const before = stack.contentHub.requests.length;
    const { assetImport, userErrors } = await startImport(stack, { source: { downloadOrder: '6001' } }, bearer(token));
    expect(assetImport).toBeNull();
    expect(userErrors).toEqual([{ field: ['input', 'source'], code: 'FORBIDDEN', message: 'DownloadOrder needs the scope download-orders:read.' }]);
    expect(stack.contentHub.requests.length).toBe(before);
  });

  it('refuses an order that is not completed as an INVALID userError', async () => {
    const { userErrors } = await startImport(stack, { source: { downloadOrder: '1001' } });
    expect(userErrors).toEqual([{ field: ['input', 'source'], code: 'INVALID', message: expect.stringContaining('CREATED') }]);
    await expectHealthy(stack);
  });
});
