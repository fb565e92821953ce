import type { Resolvers } from '../../generated/resolvers';
import type { GraphQLContext } from '../context';
import { fromGlobalId } from '../relay/globalId';
import { fetchNode } from './fetchNode';
import type { NodeParent } from './fetchNode';

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
