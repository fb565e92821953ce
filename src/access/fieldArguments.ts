import { getArgumentValues } from 'graphql';
import type { FieldNode, GraphQLField } from 'graphql';

export type CoercedVariables = Record<string, unknown>;

/**
 * A field's arguments as execution will see them (literals and variables coerced alike), or
 * undefined when execution will refuse them itself with its own error.
 */
export function fieldArguments(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: CoercedVariables): Record<string, unknown> | undefined {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return undefined;
  }
}
