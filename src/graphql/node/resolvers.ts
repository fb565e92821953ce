import type { Resolvers, ResolversParentTypes } from '../../generated/resolvers';
import { AccProjectRef } from '../../upstream/acc/refs';
import { AssignmentRef, OrderRef } from '../../upstream/materials/refs';
import type { GraphQLContext } from '../context';
import { fromGlobalId } from '../relay/globalId';
import type { NodeTypeName } from '../relay/globalId';

type NodeParent = ResolversParentTypes['Node'];

/** How each Node type is fetched from the vendor keys in its global ID. */
const fetchNode: Record<NodeTypeName, (keys: string[], context: GraphQLContext) => NodeParent | Promise<NodeParent>> = {
  Photo: ([projectId, photoId], { loaders }) => loaders.photo.load({ projectId: projectId!, photoId: photoId! }),
  Project: ([projectId]) => new AccProjectRef(projectId!),
  Order: ([orderId]) => new OrderRef(orderId!),
  Assignment: ([orderId, assignmentId]) => new AssignmentRef(orderId!, assignmentId!),
  Asset: ([key]) => ({ key: key! }),
  DownloadOrder: ([orderId], { loaders }) => loaders.downloadOrder.load(orderId!),
};

function loadNode(id: string, context: GraphQLContext): Promise<NodeParent> {
  // Async so a malformed ID fails only its own entry of `nodes`, not the whole list.
  return (async () => {
    const { type, keys } = fromGlobalId(id);
    return fetchNode[type](keys, context);
  })();
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_root, { id }, context) => loadNode(id, context),
    nodes: (_root, { ids }, context) => ids.map((id) => loadNode(id, context)),
  },
};
