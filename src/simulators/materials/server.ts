import { MATERIALS_PRODUCT_TYPES, MATERIALS_VISUAL_QUALITIES, isPhotoProduct } from '../../upstream/materials/model';
import type { MaterialsProductType, MaterialsResponse, MaterialsVisualQuality } from '../../upstream/materials/model';
import { SimulatorHttpError, bearerToken, pathSegments, sendJson, startSimulatorServer } from '../http';
import type { FaultInjector } from '../faults';
import { FileFaults, serveFile } from '../files';
import type { RecordedRequest, SimulatorOptions } from '../http';
import { MATERIALS_DEMO, seedDemoMaterials } from './seed';
import { present } from './store';
import type { MaterialsStore } from './store';

/**
 * A simulator of the Materials API (upstream-docs/materials-api.txt): bearer token required
 * (401 otherwise), productType required, visualQuality HD|WEB for photo products only (400 for
 * any other product), modifiedSince keeps materials modified at or after it, 404 for an unknown
 * order or assignment. The answer body is the one assumed in src/upstream/materials/model.ts.
 */

export interface MaterialsSimulatorOptions extends SimulatorOptions {
  /** Default: the demo data. */
  store?: MaterialsStore;
  tokens?: string[];
}

export interface MaterialsSimulator {
  url: string;
  store: MaterialsStore;
  requests: RecordedRequest[];
  faults: FaultInjector;
  /** Faults of the delivered files alone (404, 410, a body cut short), the API answering normally. */
  fileFaults: FileFaults;
  close(): Promise<void>;
}

export async function startMaterialsSimulator(options: MaterialsSimulatorOptions = {}): Promise<MaterialsSimulator> {
  const tokens = new Set(options.tokens ?? [MATERIALS_DEMO.token]);
  const store = options.store ?? seedDemoMaterials();
  const fileFaults = new FileFaults();
  let origin = '';

  const server = await startSimulatorServer(async (request, response) => {
    // Delivered files, as a CDN serves them: no token (the doc names none for them).
    if (request.method === 'GET' && request.url.pathname.startsWith('/files/')) {
      const file = store.fileAt(request.url.pathname);
      if (!file) throw new SimulatorHttpError(404, 'Not found');
      return serveFile(response, file, fileFaults);
    }
    const token = bearerToken(request);
    if (!token || !tokens.has(token)) throw new SimulatorHttpError(401, 'Missing or invalid bearer token');
    const [orders, orderId, assignments, assignmentId, materials, ...rest] = pathSegments(request.url);
    if (request.method !== 'GET' || orders !== 'orders' || assignments !== 'assignments' || materials !== 'materials' || rest.length || !orderId || !assignmentId) {
      throw new SimulatorHttpError(404, 'Not found');
    }
    const params = request.url.searchParams;
    const productType = params.get('productType') as MaterialsProductType | null;
    if (!productType || !MATERIALS_PRODUCT_TYPES.includes(productType)) throw new SimulatorHttpError(400, 'productType is required and must be a known product');
    const visualQuality = params.get('visualQuality') as MaterialsVisualQuality | null;
    if (visualQuality !== null && !isPhotoProduct(productType)) throw new SimulatorHttpError(400, 'visualQuality applies to photo products only');
    if (visualQuality !== null && !MATERIALS_VISUAL_QUALITIES.includes(visualQuality)) throw new SimulatorHttpError(400, 'visualQuality must be HD or WEB');
    const modifiedSince = params.get('modifiedSince');
    const since = modifiedSince === null ? undefined : Date.parse(modifiedSince);
    if (since !== undefined && Number.isNaN(since)) throw new SimulatorHttpError(400, 'modifiedSince must be an ISO-8601 date-time');
    if (!store.hasAssignment(orderId, assignmentId)) throw new SimulatorHttpError(404, 'Order or assignment not found');

    const body: MaterialsResponse = {
      orderId,
      assignmentId,
      productType,
      materials: store
        .list(orderId, assignmentId, productType)
        .filter((material) => since === undefined || Date.parse(material.modifiedAt) >= since)
        .map((material) => present(material, visualQuality ?? 'HD', origin)),
    };
    sendJson(response, 200, body);
  }, options);
  origin = server.url;

  return { url: server.url, store, requests: server.requests, faults: server.faults, fileFaults, close: server.close };
}
