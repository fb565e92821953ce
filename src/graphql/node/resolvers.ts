import type { GraphQLSchema } from 'graphql';
import { assertMayRead } from '../../access/authorization';
import type { Resolvers } from '../../generated/resolvers';
import type { GraphQLContext } from '../context';
import { entryOrError } from '../errors';
import { fromGlobalId } from '../relay/globalId';
import { fetchNode } from './fetchNode';
import type { NodeParent } from './fetchNode';

function loadNode(id: string, context: GraphQLContext, schema: GraphQLSchema): Promise<NodeParent> {
  // Async so a malformed or refused ID fails only its own entry of `nodes`, not the whole list.
  return (async () => {
    const { type, keys } = fromGlobalId(id);
    // Before the fetch: an object the caller may not read costs no vendor call.
    assertMayRead(schema, type, context.caller);
    return fetchNode[type](keys, context);
  })();
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_root, { id }, context, { schema }) => loadNode(id, context, schema),
    nodes: (_root, { ids }, context, { schema }) => ids.map((id) => entryOrError(loadNode(id, context, schema))),
  },
};
