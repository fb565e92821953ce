import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import busboy from 'busboy';
import { ASSET_CACHE_SECONDS, ASSET_UPLOAD_FIELDS, ASSET_VISIBILITIES } from '../../upstream/assets/model';
import type { AssetVisibility, CompanyAsset } from '../../upstream/assets/model';
import { SimulatorHttpError, bearerToken, pathSegments, sendJson, startSimulatorServer } from '../http';
import type { FaultInjector } from '../faults';
import type { RecordedRequest, SimulatorOptions, SimulatorRequest } from '../http';
import { AssetStore } from './store';

/**
 * A simulator of the partner asset store (upstream-docs/partner-assets-api.txt): multipart
 * uploads parsed for real (busboy) and written to disk as they arrive, answering a CompanyAsset;
 * GET answers the bytes with Content-Type, Content-Length, Cache-Control (30 days), ETag and
 * Last-Modified, and 304 to a matching conditional request. Private assets need the bearer
 * token; public ones are served to anyone.
 */

/** Content the store refuses (400), as asset stores refuse executables. */
const REFUSED_CONTENT_TYPES = new Set(['application/x-msdownload', 'application/x-sh']);

export const ASSETS_DEMO = {
  token: 'assets-demo-token',
  publicKey: 'demo-public-logo',
  privateKey: 'demo-private-brief',
} as const;

export interface AssetsSimulatorOptions extends SimulatorOptions {
  tokens?: string[];
  /**
   * CompanyAsset fields the upload answers leave out. The doc makes every one optional, `key`
   * included; the store keeps the asset either way. Default: none left out.
   */
  uploadAnswerOmits?: ReadonlyArray<keyof CompanyAsset>;
}

export interface AssetsSimulator {
  url: string;
  store: AssetStore;
  requests: RecordedRequest[];
  faults: FaultInjector;
  /** Uploads whose request ended before the multipart body did: nothing was kept of them. */
  abortedUploads: number;
  close(): Promise<void>;
}

export async function startAssetsSimulator(options: AssetsSimulatorOptions = {}): Promise<AssetsSimulator> {
  const tokens = new Set(options.tokens ?? [ASSETS_DEMO.token]);
  const omitted = new Set<string>(options.uploadAnswerOmits);
  const store = await AssetStore.create();
  let origin = '';
  const authorized = (request: SimulatorRequest) => {
    const token = bearerToken(request);
    return token !== undefined && tokens.has(token);
  };

  const server = await startSimulatorServer(async (request, response) => {
    const [api, v1, partner, asset, action, visibility, ...rest] = pathSegments(request.url);
    if (api !== 'api' || v1 !== 'v1' || partner !== 'partner' || asset !== 'asset' || !action) {
      throw new SimulatorHttpError(404, 'Not found');
    }
    if (request.method === 'POST' && action === 'upload' && rest.length === 0) {
      if (!authorized(request)) throw new SimulatorHttpError(401, 'Missing or invalid bearer token');
      if (!(ASSET_VISIBILITIES as readonly string[]).includes(visibility ?? '')) throw new SimulatorHttpError(404, 'Not found');
      return receiveUpload(request, response, visibility as AssetVisibility);
    }
    if (request.method === 'GET' && visibility === undefined) return serveAsset(action, request, response);
    throw new SimulatorHttpError(404, 'Not found');
  }, options);
  origin = server.url;
  const simulator: AssetsSimulator = {
    url: server.url,
    store,
    requests: server.requests,
    faults: server.faults,
    abortedUploads: 0,
    close: async () => {
      await server.close();
      await store.destroy();
    },
  };
  await seedDemoAssets(store, origin);

  function receiveUpload(request: SimulatorRequest, response: ServerResponse, visibility: AssetVisibility): Promise<void> {
    if (!/^multipart\/form-data/i.test(request.raw.headers['content-type'] ?? '')) {
      throw new SimulatorHttpError(400, 'Content-Type must be multipart/form-data');
    }
    return new Promise<void>((resolve, reject) => {
      const fields: Record<string, string> = {};
      let received: Promise<Awaited<ReturnType<AssetStore['receive']>>> | undefined;
      let fileStream: NodeJS.ReadableStream & { destroy(error?: Error): void } | undefined;
      let contentType = 'application/octet-stream';
      let refused = false;
      let aborted = false;
      const parser = busboy({ headers: request.raw.headers });
      parser.on('field', (name, value) => {
        fields[name] = value;
      });
      parser.on('file', (name, stream, info) => {
        if (name !== ASSET_UPLOAD_FIELDS.file || received || refused) return stream.resume();
        if (REFUSED_CONTENT_TYPES.has(info.mimeType)) {
          refused = true;
          return stream.resume();
        }
        contentType = info.mimeType;
        fileStream = stream;
        received = store.receive(stream);
        received.catch(() => undefined);
      });
      parser.on('error', (error: Error) => fail(new SimulatorHttpError(400, `Malformed multipart body: ${error.message}`)));
      parser.on('close', () => {
        if (aborted) return;
        if (refused) return fail(new SimulatorHttpError(400, 'This type of file is not accepted'));
        if (!received) return fail(new SimulatorHttpError(400, 'The multipart body has no file'));
        received
          .then(async (upload) => {
            const stored = await upload.commit({ name: fields[ASSET_UPLOAD_FIELDS.name] ?? '', visibility, contentType, origin });
            sendJson(response, 200, Object.fromEntries(Object.entries(stored.asset).filter(([field]) => !omitted.has(field))));
            resolve();
          })
          .catch(reject);
      });
      // A client that goes away mid-body leaves no asset and no partial file behind.
      request.raw.on('close', () => {
        if (request.raw.complete) return;
        aborted = true;
        simulator.abortedUploads += 1;
        // Failing the file stream makes the store delete the partial file it was writing.
        fileStream?.destroy(new Error('upload aborted'));
        parser.destroy();
        void received?.then((upload) => upload.discard(), () => undefined).finally(resolve);
        if (!received) resolve();
      });
      function fail(error: Error) {
        void received?.then((upload) => upload.discard(), () => undefined);
        reject(error);
      }
      request.raw.pipe(parser);
    });
  }

  function serveAsset(key: string, request: SimulatorRequest, response: ServerResponse): void {
    const stored = store.get(key);
    if (!stored) throw new SimulatorHttpError(404, 'Asset not found');
    if (stored.visibility === 'private' && !authorized(request)) throw new SimulatorHttpError(401, 'This asset is private');
    const etag = `"${stored.sha256.slice(0, 32)}"`;
    const headers = {
      'cache-control': `${stored.visibility}, max-age=${ASSET_CACHE_SECONDS}`,
      etag,
      'last-modified': stored.lastModified.toUTCString(),
    };
    const ifNoneMatch = request.raw.headers['if-none-match'];
    const ifModifiedSince = Date.parse(request.raw.headers['if-modified-since'] ?? '');
    const notModified = ifNoneMatch !== undefined
      ? ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')
      : !Number.isNaN(ifModifiedSince) && stored.lastModified.getTime() <= ifModifiedSince;
    if (notModified) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': stored.contentType, 'content-length': stored.size });
    createReadStream(stored.file).pipe(response);
  }

  return simulator;
}

/** A public logo and a private brief, so `asset(key)` works in the demo. */
async function seedDemoAssets(store: AssetStore, origin: string): Promise<void> {
  const demo: Array<[string, AssetVisibility, string, string, string]> = [
    [ASSETS_DEMO.publicKey, 'public', 'Company logo', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="28" fill="#2f6f9f"/></svg>'],
    [ASSETS_DEMO.privateKey, 'private', 'Shoot brief', 'text/plain', 'Shoot brief: front elevation at golden hour, interiors with lights on.\n'],
  ];
  for (const [key, visibility, name, contentType, body] of demo) {
    const file = path.join(store.directory, key);
    await writeFile(file, body);
    store.put(key, file, Buffer.byteLength(body), createHash('sha256').update(body).digest('hex'), { name, visibility, contentType, origin });
  }
}
