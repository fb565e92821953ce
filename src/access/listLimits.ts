import { memoize1, getDirective } from '@graphql-tools/utils';
import { GraphQLError, TypeInfo, getNamedType, getNullableType, isInputObjectType, isListType, visit, visitWithTypeInfo } from 'graphql';
import type { DocumentNode, GraphQLArgument, GraphQLInputField, GraphQLInputType, GraphQLNamedType, GraphQLSchema } from 'graphql';
import { fieldArguments } from './fieldArguments';
import type { CoercedVariables } from './fieldArguments';

/** The scalar multipart files arrive as (schema/assets.graphql). */
const UPLOAD_SCALAR = 'Upload';

export type InputValue = GraphQLArgument | GraphQLInputField;

interface OverlongList {
  path: string;
  length: number;
  maxItems: number;
}

/** Whether an input type holds a file anywhere in it: a list of such inputs is a list of uploads. */
function carriesUpload(type: GraphQLNamedType, seen = new Set<GraphQLNamedType>()): boolean {
  if (type.name === UPLOAD_SCALAR) return true;
  if (!isInputObjectType(type) || seen.has(type)) return false;
  seen.add(type);
  return Object.values(type.getFields()).some((field) => carriesUpload(getNamedType(field.type), seen));
}

/**
 * The most items a list argument or input field takes: its `@maxItems(count)`, or for a list of
 * inputs that carry files, as many as a request may upload files.
 */
export function listMaxima(schema: GraphQLSchema, uploadFiles: number): (input: InputValue) => number | undefined {
  return memoize1((input: InputValue): number | undefined => {
    const [declared] = getDirective(schema, input, 'maxItems') ?? [];
    if (typeof declared?.['count'] === 'number') return declared['count'];
    return carriesUpload(getNamedType(input.type)) ? uploadFiles : undefined;
  });
}

/**
 * Refuses every list longer than its maximum (`listMaxima`), in the operation's literals and
 * variables alike, before anything runs.
 */
export function listLimits(schema: GraphQLSchema, uploadFiles: number) {
  const maxItemsOf = listMaxima(schema, uploadFiles);

  function overlongList(input: InputValue, type: GraphQLInputType, value: unknown, path: string): OverlongList | undefined {
    if (value == null) return undefined;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const items = value as unknown[];
      const maxItems = maxItemsOf(input);
      if (maxItems !== undefined && items.length > maxItems) return { path, length: items.length, maxItems };
      for (const [index, item] of items.entries()) {
        const found = overlongList(input, nullable.ofType, item, `${path}[${index}]`);
        if (found) return found;
      }
    } else if (isInputObjectType(nullable)) {
      for (const field of Object.values(nullable.getFields())) {
        const found = overlongList(field, field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`);
        if (found) return found;
      }
    }
    return undefined;
  }

  return (document: DocumentNode, variables: CoercedVariables): GraphQLError[] => {
    const errors: GraphQLError[] = [];
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const field = typeInfo.getFieldDef();
          const args = field?.args.length ? fieldArguments(field, node, variables) : undefined;
          if (!field || !args) return;
          for (const argument of field.args) {
            const found = overlongList(argument, argument.type, args[argument.name], argument.name);
            if (!found) continue;
            errors.push(
              new GraphQLError(`\`${found.path}\` of \`${field.name}\` takes at most ${found.maxItems} items; got ${found.length}.`, {
                nodes: node,
                extensions: { code: 'BAD_USER_INPUT' },
              }),
            );
          }
        },
      }),
    );
    return errors;
  };
}
