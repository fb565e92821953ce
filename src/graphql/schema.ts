import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { authorizeSchema } from '../access/authorization';
import type { Resolvers } from '../generated/resolvers';
import { assetResolvers } from './assets/resolvers';
import { downloadOrderResolvers } from './downloadOrders/resolvers';
import { importResolvers } from './imports/resolvers';
import { materialResolvers } from './materials/resolvers';
import { nodeResolvers } from './node/resolvers';
import { photoResolvers } from './photos/resolvers';
import { scalarResolvers, withSdlScalarDescriptions } from './scalars';
import { loadTypeDefs } from './typeDefs';

export { findSchemaDirectory, loadTypeDefs } from './typeDefs';

/** Every domain's resolvers, for the plain schema and the federation subgraph alike. */
export const RESOLVERS: Resolvers[] = [scalarResolvers, nodeResolvers, photoResolvers, materialResolvers, assetResolvers, downloadOrderResolvers, importResolvers];

/**
 * The executable schema, described as the SDL says and enforcing its `@authenticated` /
 * `@requiresScopes` (src/access/authorization.ts).
 */
export function buildSchema(): GraphQLSchema {
  return authorizeSchema(withSdlScalarDescriptions(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: RESOLVERS })));
}
