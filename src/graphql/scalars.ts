import { DateTimeResolver, JSONResolver, SafeIntResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers';

/** Custom scalars come from graphql-scalars, the well-kept implementation of each. */
export const scalarResolvers: Resolvers = {
  DateTime: DateTimeResolver,
  URL: URLResolver,
  SafeInt: SafeIntResolver,
  JSON: JSONResolver,
};
