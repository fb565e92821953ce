import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { mergeResolvers } from '@graphql-tools/merge';
import { addResolversToSchema } from '@graphql-tools/schema';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { Kind, parse } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { authorizeSchema } from '../../access/authorization';
import type { Resolvers } from '../../generated/resolvers';
import { RESOLVERS, findSchemaDirectory, loadTypeDefs } from '../schema';
import { withSdlScalarDescriptions } from '../scalars';
import { entitiesResolvers, entityReferenceResolvers } from './entityReferences';

/**
 * Routers and gateways do not carry subscriptions to subgraphs without extra (often paid)
 * set-up, so the subgraph leaves `Subscription` out; the service's own WebSocket endpoint keeps
 * serving it (docs/federation.md).
 */
const LEFT_OUT = 'Subscription';

function withoutSubscriptionTypes(document: DocumentNode): DocumentNode {
  return {
    ...document,
    definitions: document.definitions.filter(
      (definition) =>
        !((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === LEFT_OUT),
    ),
  };
}

function withoutSubscriptionResolvers(resolvers: Resolvers): Resolvers {
  return Object.fromEntries(Object.entries(resolvers).filter(([type]) => type !== LEFT_OUT));
}

/**
 * `_entities` is @apollo/subgraph's, so its limits are set here as directives in extensions
 * (read like the SDL's): at most 100 representations a call, as `nodes(ids)`, each of which may
 * cost a vendor call.
 */
const REPRESENTATION_LIMITS = { maxItems: [{ count: 100 }], cost: [{ weight: 10 }] };

function withEntityLimits(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.ROOT_FIELD]: (field, fieldName) =>
      fieldName === '_entities'
        ? { ...field, args: { ...field.args, representations: { ...field.args!['representations']!, extensions: { directives: REPRESENTATION_LIMITS } } } }
        : field,
  });
}

/**
 * The same schema and resolvers as `buildSchema`, as an Apollo Federation 2 subgraph: the `@key`s
 * of schema/federation/, `_service`, `_entities` and the entities' reference resolvers, with the
 * same authorization enforced (a router in front enforces it too, from the composed supergraph).
 */
export function buildFederatedSchema(): GraphQLSchema {
  const directory = findSchemaDirectory();
  const typeDefs = [...loadTypeDefs(directory), ...loadTypeDefs(path.join(directory, 'federation'))].map((sdl) =>
    withoutSubscriptionTypes(parse(sdl)),
  );
  // @apollo/subgraph wires the reference resolvers; graphql-tools merges and adds the domain
  // resolver maps exactly as makeExecutableSchema does for the plain schema.
  const subgraph = withEntityLimits(buildSubgraphSchema({ typeDefs, resolvers: entityReferenceResolvers }));
  return authorizeSchema(
    withSdlScalarDescriptions(
      addResolversToSchema({ schema: subgraph, resolvers: mergeResolvers([...RESOLVERS.map(withoutSubscriptionResolvers), entitiesResolvers]) }),
    ),
  );
}
