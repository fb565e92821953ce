import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
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

/** schema/ sits at the project root, both for src/ (tests) and for dist/src/ (npm start). */
export function findSchemaDirectory(from = __dirname): string {
  for (let directory = from; ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, 'schema');
    if (existsSync(path.join(candidate, 'shared.graphql'))) return candidate;
    if (path.dirname(directory) === directory) throw new Error(`No schema/ directory above ${from}.`);
  }
}

export function loadTypeDefs(directory = findSchemaDirectory()): string[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(path.join(directory, file), 'utf8'));
}

/** Every domain's resolvers, for the plain schema and the federation subgraph alike. */
export const RESOLVERS: Resolvers[] = [scalarResolvers, nodeResolvers, photoResolvers, materialResolvers, assetResolvers, downloadOrderResolvers, importResolvers];

/**
 * The executable schema, described as the SDL says and enforcing its `@authenticated` /
 * `@requiresScopes` (src/access/authorization.ts).
 */
export function buildSchema(): GraphQLSchema {
  return authorizeSchema(withSdlScalarDescriptions(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: RESOLVERS })));
}
