import http from 'node:http';
import type { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { finished } from 'node:stream/promises';
import { closeNow, listen } from '../../src/http/listen';
import { VendorDownloads } from '../../src/imports/vendorDownloads';
import type { DownloadCredentials } from '../../src/imports/vendorDownloads';
import { resolveImportSource } from '../../src/imports/sources';
import { UNCHECKED } from '../../src/auth/caller';
import { link, orderResource } from '../../src/simulators/contentHub/seed';
import { materialFileUrl } from '../../src/simulators/materials/seed';
import { CONTENT_HUB_CLIENT_ID_HEADER } from '../../src/upstream/contentHub/model';
import { startVendors } from '../helpers/executionContext';
import type { Vendors } from '../helpers/executionContext';

/** Another trusted host (a CDN a ZIP link might point at): records the headers it gets. */
async function startRecorder(): Promise<{ url: string; seen: http.IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, { 'content-type': 'application/zip', 'content-length': 3 }).end('zip');
  });
  return { url: await listen(server, 0, '127.0.0.1'), seen, close: () => closeNow(server) };
}

let vendors: Vendors;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let downloads: VendorDownloads;
let credentials: DownloadCredentials;
beforeAll(async () => {
  [vendors, recorder] = await Promise.all([startVendors(), startRecorder()]);
  downloads = new VendorDownloads({ trustedOrigins: [vendors.contentHub.url, vendors.materials.url, recorder.url], timeoutMs: 5_000 });
  // The gateway's own Content Hub credentials, and a client ID as a configured one adds.
  const own = vendors.context(UNCHECKED).upstreams.contentHub.downloadCredentials();
  credentials = { origin: own.origin, headers: { ...own.headers, [CONTENT_HUB_CLIENT_ID_HEADER]: 'gateway-client' } };
});
afterAll(async () => {
  await downloads.close();
  await Promise.all([vendors.close(), recorder.close()]);
});
afterEach(() => {
  recorder.seen.length = 0;
  vendors.materials.fileFaults.clear();
});

const signal = () => new AbortController().signal;
const drain = (body: Readable) => finished(body.resume());
const ZIP = 1004;

describe("VendorDownloads: a vendor's credentials go to its own origin only", () => {
  it("sends Content Hub's credentials to a ZIP on Content Hub's own origin (which needs them)", async () => {
    const download = await downloads.open('contentHub', `${vendors.contentHub.url}/api/downloads/${ZIP}.zip`, signal(), credentials);
    expect(download.size).toBe(1024 * 1024);
    await drain(download.body);
    await expect(downloads.open('contentHub', `${vendors.contentHub.url}/api/downloads/${ZIP}.zip`, signal())).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { upstream: 'contentHub', upstreamStatus: 401 },
    });
  });

  it('sends no credentials to a ZIP on another trusted origin', async () => {
    const download = await downloads.open('contentHub', `${recorder.url}/order-${ZIP}.zip`, signal(), credentials);
    expect(await text(download.body)).toBe('zip');
    expect(recorder.seen).toHaveLength(1);
    expect(recorder.seen[0]).not.toHaveProperty('authorization');
    expect(recorder.seen[0]).not.toHaveProperty(CONTENT_HUB_CLIENT_ID_HEADER);
  });

  it('matches the origin exactly: the same host on another port gets none', async () => {
    const otherPort = new URL(recorder.url);
    const sameHost = { ...credentials, origin: `http://${otherPort.hostname}:${Number(otherPort.port) + 1}` };
    await drain((await downloads.open('contentHub', `${recorder.url}/x.zip`, signal(), sameHost)).body);
    expect(recorder.seen[0]).not.toHaveProperty('authorization');
  });

  it('resolves a download order whose ZIP link is on another trusted origin, and downloads it without a token', async () => {
    const origin = vendors.contentHub.url;
    vendors.contentHub.store.put(orderResource(origin, 6001, { targetCount: 1, status: 'Completed', download_location: link(`${recorder.url}/cdn/6001.zip`, '6001.zip') }), [1]);
    const file = await resolveImportSource({ kind: 'downloadOrder', orderId: '6001' }, { ...vendors.context(UNCHECKED), downloads });
    expect(await text((await file.open(signal())).body)).toBe('zip');
    expect(recorder.seen).toHaveLength(1);
    expect(recorder.seen[0]).not.toHaveProperty('authorization');
  });
});

describe('VendorDownloads: only the URL the vendor returned, on a trusted origin', () => {
  it('refuses a URL on an untrusted origin before sending a byte', async () => {
    const untrusted = new VendorDownloads({ trustedOrigins: [vendors.contentHub.url], timeoutMs: 5_000 });
    try {
      expect(untrusted.trusts(`${recorder.url}/x.zip`)).toBe(false);
      await expect(untrusted.open('contentHub', `${recorder.url}/x.zip`, signal(), { ...credentials, origin: recorder.url })).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
      expect(recorder.seen).toHaveLength(0);
    } finally {
      await untrusted.close();
    }
  });

  it('never follows a redirect, even to a trusted origin', async () => {
    const url = vendors.materials.url + materialFileUrl('ORD-1001', 'A1', 'ord-1001-a1-floor_plan-001.pdf');
    vendors.materials.fileFaults.inject({ kind: 'redirect', location: `${recorder.url}/elsewhere.pdf` });
    await expect(downloads.open('materials', url, signal())).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', details: { upstreamStatus: 302 } });
    expect(recorder.seen).toHaveLength(0);
  });
});
