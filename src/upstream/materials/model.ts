/**
 * The media-production vendor's Materials API (upstream-docs/materials-api.txt). The doc gives
 * the request but not the response body, so the body below is ASSUMED: it is defined once,
 * here, and both the client (which parses answers with these schemas) and the simulator (which
 * produces them) use it. Every vendor field name lives in this module. docs/materials.md lists
 * what is assumed.
 */
import { z } from 'zod';
import { badUserInput } from '../../errors';
import { vendorPath } from '../http/path';

/** Products whose materials are photos, and the only ones that accept `visualQuality`. */
export const MATERIALS_PHOTO_PRODUCTS = [
  'GROUND_PHOTO',
  'GROUND_PHOTO_PRESTIGE',
  'DRONE_PHOTO',
  'RESIDENTIAL_STAGING',
  'COMMERCIAL_STAGING',
  'RESIDENTIAL_RENDERING',
  'COMMERCIAL_RENDERING',
] as const;

/** Products without photos: videos, result links (virtual tours) and documents. */
export const MATERIALS_OTHER_PRODUCTS = ['VIDEO', 'DRONE_VIDEO', 'VIRTUAL_TOUR', 'FLOOR_PLAN', 'DOCUMENTS'] as const;

export const MATERIALS_PRODUCT_TYPES = [...MATERIALS_PHOTO_PRODUCTS, ...MATERIALS_OTHER_PRODUCTS] as const;
export type MaterialsProductType = (typeof MATERIALS_PRODUCT_TYPES)[number];

export const MATERIALS_VISUAL_QUALITIES = ['HD', 'WEB'] as const;
export type MaterialsVisualQuality = (typeof MATERIALS_VISUAL_QUALITIES)[number];

/** The vendor answers 400 to `visualQuality` with a non-photo product: refusing first saves the call and says why. */
export function assertVisualQualityApplies(productType: MaterialsProductType, visualQuality: MaterialsVisualQuality | null | undefined): void {
  if (visualQuality && !isPhotoProduct(productType)) {
    throw badUserInput(`\`visualQuality\` applies to photo products only, not ${productType}.`);
  }
}

export function isPhotoProduct(productType: MaterialsProductType): boolean {
  return (MATERIALS_PHOTO_PRODUCTS as readonly string[]).includes(productType);
}

const common = {
  id: z.string(),
  url: z.string(),
  /** ISO 8601 instants with offset. */
  createdAt: z.string(),
  modifiedAt: z.string(),
};
const file = {
  fileName: z.string(),
  contentType: z.string(),
  fileSize: z.number(),
};

/** The file fields photos, videos and documents share. */
export type VendorMaterialFile = { fileName: string; contentType: string; fileSize: number };

export const materialsPhotoSchema = z.object({
  ...common,
  ...file,
  type: z.literal('PHOTO'),
  visualQuality: z.enum(MATERIALS_VISUAL_QUALITIES),
  width: z.number().nullish(),
  height: z.number().nullish(),
});
export const materialsVideoSchema = z.object({
  ...common,
  ...file,
  type: z.literal('VIDEO'),
  width: z.number().nullish(),
  height: z.number().nullish(),
  durationSeconds: z.number().nullish(),
});
export const materialsResultUrlSchema = z.object({
  ...common,
  type: z.literal('RESULT_URL'),
  label: z.string().nullish(),
});
export const materialsDocumentSchema = z.object({
  ...common,
  ...file,
  type: z.literal('DOCUMENT'),
  title: z.string().nullish(),
  pageCount: z.number().nullish(),
});

export const materialSchema = z.discriminatedUnion('type', [
  materialsPhotoSchema,
  materialsVideoSchema,
  materialsResultUrlSchema,
  materialsDocumentSchema,
]);
export type VendorMaterial = z.infer<typeof materialSchema>;
export type VendorPhotoMaterial = z.infer<typeof materialsPhotoSchema>;
export type VendorVideoMaterial = z.infer<typeof materialsVideoSchema>;
export type VendorResultUrl = z.infer<typeof materialsResultUrlSchema>;
export type VendorDocument = z.infer<typeof materialsDocumentSchema>;

export const materialsResponseSchema = z.object({
  orderId: z.string(),
  assignmentId: z.string(),
  productType: z.string(),
  materials: z.array(materialSchema),
});
export type MaterialsResponse = z.infer<typeof materialsResponseSchema>;

export interface MaterialsQuery {
  orderId: string;
  assignmentId: string;
  productType: MaterialsProductType;
  visualQuality?: MaterialsVisualQuality;
  /** ISO 8601; the vendor returns materials modified at or after it. */
  modifiedSince?: string;
}

export const materialsPath = (orderId: string, assignmentId: string) =>
  vendorPath`/orders/${orderId}/assignments/${assignmentId}/materials`;
