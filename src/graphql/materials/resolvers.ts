import { badUserInput } from '../../errors';
import type { Resolvers } from '../../generated/resolvers';
import { isMaterialImportable } from '../../imports/sources/materialSource';
import { assertVisualQualityApplies } from '../../upstream/materials/model';
import type { VendorMaterial } from '../../upstream/materials/model';
import { AssignmentRef, OrderRef } from '../../upstream/materials/refs';
import { parseVendorInstant } from '../../upstream/time';
import type { GraphQLContext } from '../context';
import { toGlobalId } from '../relay/globalId';
import { checkPageSize } from '../relay/pageSize';
import { decodeSyncToken, materialPage, unseenSince } from './materialPage';

const TYPENAME_BY_KIND = {
  PHOTO: 'PhotoMaterial',
  VIDEO: 'VideoMaterial',
  RESULT_URL: 'ResultLink',
  DOCUMENT: 'DocumentMaterial',
} as const;

const materialTimes = {
  materialId: (material: VendorMaterial) => material.id,
  createdAt: (material: VendorMaterial) => parseVendorInstant('materials', material.createdAt),
  modifiedAt: (material: VendorMaterial) => parseVendorInstant('materials', material.modifiedAt),
};

/** `importable` of the materials that have a file. */
const importable = (material: VendorMaterial, _args: unknown, { downloads }: GraphQLContext) => isMaterialImportable(material, downloads);

export const materialResolvers: Resolvers = {
  Query: {
    order: (_root, { id }) => new OrderRef(id),
  },

  Order: {
    __isTypeOf: (value) => value instanceof OrderRef,
    id: ({ orderId }) => toGlobalId('Order', orderId),
    orderId: ({ orderId }) => orderId,
    assignment: ({ orderId }, { id }) => new AssignmentRef(orderId, id),
  },

  Assignment: {
    __isTypeOf: (value) => value instanceof AssignmentRef,
    id: ({ orderId, assignmentId }) => toGlobalId('Assignment', orderId, assignmentId),
    assignmentId: ({ assignmentId }) => assignmentId,
    order: ({ orderId }) => new OrderRef(orderId),
    materials: async ({ orderId, assignmentId }, args, { loaders }) => {
      const { productType, visualQuality, modifiedSince, syncToken, after } = args;
      assertVisualQualityApplies(productType, visualQuality);
      if (syncToken && modifiedSince) throw badUserInput('Pass `syncToken` or `modifiedSince`, not both.');
      const first = checkPageSize('first', args.first ?? 25);
      const listKey = JSON.stringify([orderId, assignmentId, productType, visualQuality ?? null]);
      const since = syncToken
        ? decodeSyncToken(syncToken, listKey)
        : { modifiedAt: modifiedSince?.toISOString() ?? null, ids: [] };

      const response = await loaders.materials.load({
        orderId,
        assignmentId,
        productType,
        visualQuality: visualQuality ?? undefined,
        modifiedSince: since.modifiedAt ?? undefined,
      });
      return materialPage(unseenSince(response.materials, since), { listKey, first, after, since });
    },
  },

  MaterialConnection: {
    nodes: ({ edges }) => edges.map((edge) => edge.node),
  },

  Material: {
    __resolveType: (material) => TYPENAME_BY_KIND[material.type],
  },
  PhotoMaterial: { ...materialTimes, file: (photo) => photo, importable },
  VideoMaterial: { ...materialTimes, file: (video) => video, importable },
  DocumentMaterial: { ...materialTimes, file: (document) => document, importable },
  ResultLink: materialTimes,
  MaterialFile: {
    size: (file) => file.fileSize,
  },
};
