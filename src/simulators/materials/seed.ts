import { isPhotoProduct } from '../../upstream/materials/model';
import type { MaterialsProductType } from '../../upstream/materials/model';
import { MaterialsStore } from './store';
import type { StoredMaterial } from './store';

/** Ids and the token the demo data is known by (README examples and tests use them). */
export const MATERIALS_DEMO = {
  token: 'materials-demo-token',
  orderId: 'ORD-1001',
  assignmentId: 'A1',
} as const;

/** How many deliverables each demo assignment has per product: every product appears. */
const DEMO_ASSIGNMENTS: Array<[orderId: string, assignmentId: string, Partial<Record<MaterialsProductType, number>>]> = [
  ['ORD-1001', 'A1', { GROUND_PHOTO: 24, DRONE_PHOTO: 10, RESIDENTIAL_STAGING: 6, VIDEO: 2, VIRTUAL_TOUR: 1, FLOOR_PLAN: 2 }],
  ['ORD-1001', 'A2', { GROUND_PHOTO_PRESTIGE: 18, RESIDENTIAL_RENDERING: 5, DRONE_VIDEO: 1, DOCUMENTS: 3 }],
  ['ORD-1002', 'A1', { GROUND_PHOTO: 12, COMMERCIAL_STAGING: 8, COMMERCIAL_RENDERING: 4, VIDEO: 1, VIRTUAL_TOUR: 2, FLOOR_PLAN: 1, DOCUMENTS: 2 }],
];

/**
 * Where a delivered file lives: a path on the simulator's own origin (MaterialsStore keeps URLs
 * relative to it, so the server can serve them), `fileSize` bytes of src/simulators/files.ts.
 */
export function materialFileUrl(orderId: string, assignmentId: string, name: string): string {
  return `/files/${encodeURIComponent(orderId)}/${encodeURIComponent(assignmentId)}/${name}`;
}

export interface DeliveredDocument {
  orderId: string;
  assignmentId: string;
  id: string;
  fileName: string;
  fileSize: number;
  /** Default: served by the simulator, at materialFileUrl. */
  url?: string;
}

/** Delivers a PDF of `fileSize` bytes to an assignment's DOCUMENTS (tests and the benchmark pick the size). */
export function addDeliveredDocument(store: MaterialsStore, document: DeliveredDocument, at = new Date()): void {
  const { orderId, assignmentId, id, fileName, fileSize } = document;
  const url = document.url ?? materialFileUrl(orderId, assignmentId, encodeURIComponent(fileName));
  store.add(orderId, assignmentId, 'DOCUMENTS', { id, type: 'DOCUMENT', url, fileName, contentType: 'application/pdf', fileSize, createdAt: at.toISOString(), modifiedAt: at.toISOString() });
}

export function seedDemoMaterials(): MaterialsStore {
  const store = new MaterialsStore();
  let clock = Date.parse('2025-05-10T09:00:00.000Z');
  for (const [orderId, assignmentId, products] of DEMO_ASSIGNMENTS) {
    for (const [productType, count] of Object.entries(products) as Array<[MaterialsProductType, number]>) {
      for (let index = 1; index <= count; index += 1) {
        // Deliveries come in bursts: every third one shares the previous one's instant.
        if (index % 3 !== 0) clock += 7 * 60_000;
        const at = new Date(clock).toISOString();
        store.add(orderId, assignmentId, productType, demoMaterial(orderId, assignmentId, productType, index, at));
      }
    }
  }
  return store;
}

function demoMaterial(
  orderId: string,
  assignmentId: string,
  productType: MaterialsProductType,
  index: number,
  at: string,
): StoredMaterial {
  const id = `${orderId}-${assignmentId}-${productType}-${String(index).padStart(3, '0')}`.toLowerCase();
  const fileUrl = (name: string) => materialFileUrl(orderId, assignmentId, name);
  const times = { createdAt: at, modifiedAt: at };
  if (isPhotoProduct(productType)) {
    const fileName = `${id}.jpg`;
    return {
      id,
      type: 'PHOTO',
      fileName,
      contentType: 'image/jpeg',
      ...times,
      renditions: {
        HD: { url: fileUrl(`hd/${fileName}`), fileSize: 6_000_000 + index * 41_000, width: 6000, height: 4000 },
        WEB: { url: fileUrl(`web/${fileName}`), fileSize: 450_000 + index * 3_100, width: 1920, height: 1280 },
      },
    };
  }
  switch (productType) {
    case 'VIDEO':
    case 'DRONE_VIDEO':
      return { id, type: 'VIDEO', url: fileUrl(`${id}.mp4`), fileName: `${id}.mp4`, contentType: 'video/mp4', fileSize: 180_000_000 + index * 9_000_000, width: 3840, height: 2160, durationSeconds: 60 + index * 15, ...times };
    case 'VIRTUAL_TOUR':
      return { id, type: 'RESULT_URL', url: `https://tours.example.com/${orderId}/${assignmentId}/${index}`, label: `3D tour ${index}`, ...times };
    default:
      return { id, type: 'DOCUMENT', url: fileUrl(`${id}.pdf`), fileName: `${id}.pdf`, contentType: 'application/pdf', fileSize: 240_000 + index * 12_000, title: productType === 'FLOOR_PLAN' ? `Floor plan, level ${index}` : `Report ${index}`, pageCount: index + 1, ...times };
  }
}
