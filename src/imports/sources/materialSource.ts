import { GatewayError, badUserInput } from '../../errors';
import type { GraphQLContext } from '../../graphql/context';
import { assertVisualQualityApplies } from '../../upstream/materials/model';
import type { MaterialsProductType, MaterialsVisualQuality, VendorMaterial } from '../../upstream/materials/model';
import type { ImportableFile } from '../importableFile';
import type { VendorDownloads } from '../vendorDownloads';
import { assertMayReadSource } from './sourceAccess';
import { vendorFile } from './vendorFile';

export interface MaterialSourceRef {
  orderId: string;
  assignmentId: string;
  productType: MaterialsProductType;
  visualQuality?: MaterialsVisualQuality;
  materialId: string;
}

/**
 * A material of an assignment: the one with `materialId` among the assignment's materials for
 * that product and quality, read through the request's loader (so importing a whole assignment
 * costs one Materials call per product). A result link (a virtual tour) has no file to import.
 */
export async function resolveMaterialSource(ref: MaterialSourceRef, context: GraphQLContext): Promise<ImportableFile> {
  assertMayReadSource('Assignment', context.caller);
  const { orderId, assignmentId, productType, visualQuality, materialId } = ref;
  assertVisualQualityApplies(productType, visualQuality);
  const { materials } = await context.loaders.materials.load({ orderId, assignmentId, productType, visualQuality });
  const material = materials.find((candidate) => candidate.id === materialId);
  if (!material) {
    throw new GatewayError('NOT_FOUND', `Assignment ${assignmentId} of order ${orderId} has no ${productType} material ${materialId}.`, { upstream: 'materials' });
  }
  if (material.type === 'RESULT_URL') throw badUserInput(`Material ${materialId} is a link (${material.label ?? 'a result URL'}) and has no file to import.`);
  return vendorFile({ upstream: 'materials', url: material.url, filename: material.fileName, contentType: material.contentType, size: material.fileSize }, context);
}

/** `importable` of a material with a file: the vendor's URL for it is on a trusted origin. */
export function isMaterialImportable(material: VendorMaterial, downloads: VendorDownloads): boolean {
  return material.type !== 'RESULT_URL' && downloads.trusts(material.url);
}
