import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { GraphQLScalarType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver, JSONResolver, SafeIntResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers';

/**
 * Custom scalars come from graphql-scalars, the well-kept implementation of each (and Upload
 * from graphql-upload-minimal, in assets/resolvers.ts); what they mean here is the SDL's to say.
 */
export const scalarResolvers: Resolvers = {
  DateTime: DateTimeResolver,
  URL: URLResolver,
  SafeInt: SafeIntResolver,
  JSON: JSONResolver,
};

/**
 * Gives every custom scalar the description the SDL wrote for it. graphql-tools copies a scalar
 * resolver's own description over the SDL's, so without this introspection would show the
 * libraries' generic words while schema.graphql, printed from the SDL, shows ours.
 */
export function withSdlScalarDescriptions(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.SCALAR_TYPE]: (type) => {
      const written = type.astNode?.description?.value;
      return written === undefined || written === type.description ? type : new GraphQLScalarType({ ...type.toConfig(), description: written });
    },
  });
}
