import { collectFields, collectSubFields, getDirective, memoize1 } from '@graphql-tools/utils';
import { getNamedType, getNullableType, isAbstractType, isCompositeType, isInputObjectType, isListType } from 'graphql';
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLArgument,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLInputField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  OperationDefinitionNode,
} from 'graphql';
import { fieldArguments } from './fieldArguments';
import type { CoercedVariables } from './fieldArguments';

/** What an operation's root costs before its fields (Apollo Router's demand control: 10 for a mutation). */
const MUTATION_COST = 10;
/** The size of a list the schema gives no `@listSize` (user errors, a link's file name properties). */
const ASSUMED_LIST_SIZE = 10;

type Weighted = GraphQLField<unknown, unknown> | GraphQLArgument | GraphQLInputField | GraphQLNamedType;

interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** The list size a `@listSize` field hands to its `sizedFields` (a connection's edges and nodes). */
interface Sizing {
  fields: ReadonlySet<string>;
  size: number;
}

/**
 * The estimated cost of an operation, following IBM's GraphQL Cost Directives as Apollo Router's
 * demand control reads them, with the arguments' values from literals and variables alike:
 * a field costs `count × (weight + cost of its selection) + cost of its arguments`, where weight
 * is its `@cost` (else 1 for an object, interface or union, 0 for a scalar or enum) and count is
 * 1, or for a list the size `@listSize` gives (the largest slicing argument, else `assumedSize`,
 * else `ASSUMED_LIST_SIZE`). An argument costs its `@cost` per value (a list: per item, plus once)
 * and 1 per input object. An abstract type costs its dearest possible type. `requireOneSlicingArgument`
 * is the resolvers' to enforce (`first` with `last` is BAD_USER_INPUT there).
 */
export function operationCoster(schema: GraphQLSchema) {
  const weightOf = memoize1((element: Weighted): number | undefined => {
    const [cost] = getDirective(schema, element, 'cost') ?? [];
    return typeof cost?.['weight'] === 'number' ? cost['weight'] : undefined;
  });
  const listSizeOf = memoize1((field: GraphQLField<unknown, unknown>): ListSize | undefined => getDirective(schema, field, 'listSize')?.[0]);

  function inputCost(input: GraphQLArgument | GraphQLInputField, type: GraphQLInputType, value: unknown): number {
    if (value == null) return 0;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      return (value as unknown[]).reduce<number>((sum, item) => sum + inputCost(input, nullable.ofType, item), weightOf(input) ?? 0);
    }
    if (isInputObjectType(nullable)) {
      return Object.values(nullable.getFields()).reduce(
        (sum, field) => sum + inputCost(field, field.type, (value as Record<string, unknown>)[field.name]),
        weightOf(input) ?? 1,
      );
    }
    return weightOf(input) ?? 0;
  }

  /** The list size a field's `@listSize` says for these arguments, if it says one. */
  function sizeFrom(listSize: ListSize | undefined, args: Record<string, unknown>): number | undefined {
    const sliced = (listSize?.slicingArguments ?? []).map((name) => args[name]).filter((value): value is number => typeof value === 'number');
    return sliced.length ? Math.max(...sliced) : listSize?.assumedSize;
  }

  return (operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: CoercedVariables): number => {
    function selectionCost(type: GraphQLCompositeType, nodes: FieldNode[], sizing: Sizing | undefined): number {
      const objectTypes: readonly GraphQLObjectType[] = isAbstractType(type) ? schema.getPossibleTypes(type) : [type as GraphQLObjectType];
      const costs = objectTypes.map((objectType) => fieldsCost(objectType, collectSubFields(schema, fragments, variables, objectType, nodes).fields, sizing));
      return Math.max(0, ...costs);
    }

    function fieldsCost(parent: GraphQLObjectType, fields: Map<string, FieldNode[]>, sizing: Sizing | undefined): number {
      let cost = 0;
      for (const nodes of fields.values()) cost += fieldCost(parent, nodes, sizing);
      return cost;
    }

    function fieldCost(parent: GraphQLObjectType, nodes: FieldNode[], sizing: Sizing | undefined): number {
      const field = parent.getFields()[nodes[0]!.name.value];
      const args = field && fieldArguments(field, nodes[0]!, variables);
      // __typename and introspection cost nothing; arguments execution refuses never run.
      if (!field || !args) return 0;
      const listSize = listSizeOf(field);
      const size = sizeFrom(listSize, args);
      const count = !isListType(getNullableType(field.type)) ? 1 : sizing?.fields.has(field.name) ? sizing.size : (size ?? ASSUMED_LIST_SIZE);
      const named = getNamedType(field.type);
      const weight = weightOf(field) ?? weightOf(named) ?? (isCompositeType(named) ? 1 : 0);
      const childSizing = listSize?.sizedFields ? { fields: new Set(listSize.sizedFields), size: size ?? ASSUMED_LIST_SIZE } : undefined;
      const selection = isCompositeType(named) ? selectionCost(named, nodes, childSizing) : 0;
      const argumentsCost = field.args.reduce((sum, argument) => sum + inputCost(argument, argument.type, args[argument.name]), 0);
      return count * (weight + selection) + argumentsCost;
    }

    const root = schema.getRootType(operation.operation);
    if (!root) return 0;
    const rootCost = operation.operation === 'mutation' ? MUTATION_COST : 0;
    return rootCost + fieldsCost(root, collectFields(schema, fragments, variables, root, operation.selectionSet).fields, undefined);
  };
}
