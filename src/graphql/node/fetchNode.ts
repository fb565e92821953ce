import type { ResolversParentTypes } from '../../generated/resolvers';
import { AccProjectRef } from '../../upstream/acc/refs';
import { AssetRef } from '../../upstream/assets/refs';
import { AssignmentRef, OrderRef } from '../../upstream/materials/refs';
import { importOwnerOf } from '../../imports/jobs/importIds';
import type { GraphQLContext } from '../context';
import type { NodeTypeName } from '../relay/globalId';

export type NodeParent = ResolversParentTypes['Node'];

/**
 * How each Node type is fetched from the vendor keys that identify it: the keys of a global ID,
 * or of a federation entity reference. Photos and download orders go through the request's
 * DataLoaders, so lookups made in one tick are batched.
 */
export const fetchNode: Record<NodeTypeName, (keys: string[], context: GraphQLContext) => NodeParent | Promise<NodeParent>> = {
  Photo: ([projectId, photoId], { loaders }) => loaders.photo.load({ projectId: projectId!, photoId: photoId! }),
  Project: ([projectId]) => new AccProjectRef(projectId!),
  Order: ([orderId]) => new OrderRef(orderId!),
  Assignment: ([orderId, assignmentId]) => new AssignmentRef(orderId!, assignmentId!),
  Asset: ([key]) => new AssetRef(key!),
  DownloadOrder: ([orderId], { loaders }) => loaders.downloadOrder.load(orderId!),
  // Only who started an import can read it: anyone else's id is NOT_FOUND.
  AssetImport: async ([importId], { imports, caller }) => imports.read(importId!, importOwnerOf(caller) ?? ''),
};
