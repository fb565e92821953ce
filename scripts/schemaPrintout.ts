import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  GraphQLSchema,
  Kind,
  buildASTSchema,
  buildClientSchema,
  isIntrospectionType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  lexicographicSortSchema,
  parse,
  printSchema,
  printType,
  visit,
} from 'graphql';
import type { IntrospectionQuery } from 'graphql';

/**
 * schema.graphql: the executable schema printed with every description and directive, for
 * frontends' codegen (docs/clients.md).
 */
export function printSchemaFile(schema: GraphQLSchema): string {
  return [
    '# The schema mediagraph serves, for clients\' codegen. Generated from schema/*.graphql by',
    '# `npm run schema:print`: do not edit.',
    '',
    printSchemaWithDirectives(schema),
    '',
  ].join('\n');
}

/** The directives introspection carries, as fields of its own (`isDeprecated`, `specifiedByURL`, `isOneOf`). */
const INTROSPECTED_DIRECTIVES = new Set(['deprecated', 'specifiedBy', 'oneOf']);

/**
 * Where a printout of schema.graphql says something else than introspection shows: one line per
 * type or directive definition that differs, empty when they agree. printSchemaWithDirectives
 * reads the SDL's AST, introspection the schema's types, and the two can part (a scalar
 * resolver's description replaced the SDL's for five scalars once). Both sides are printed with
 * graphql-js in one order, the printout without the directive usages introspection cannot
 * carry (`@requiresScopes`, `@cost`, …); everything else counts, descriptions included.
 */
export function introspectionDisagreements(printout: string, introspection: IntrospectionQuery): string[] {
  const withoutDirectiveUsages = visit(parse(printout), {
    [Kind.DIRECTIVE]: (node) => (INTROSPECTED_DIRECTIVES.has(node.name.value) ? undefined : null),
  });
  const printed = definitionsOf(buildASTSchema(withoutDirectiveUsages));
  const introspected = definitionsOf(buildClientSchema(introspection));
  return [...new Set([...printed.keys(), ...introspected.keys()])]
    .filter((name) => printed.get(name) !== introspected.get(name))
    .map((name) => `${name}: schema.graphql has\n${printed.get(name) ?? '(nothing)'}\nintrospection shows\n${introspected.get(name) ?? '(nothing)'}`);
}

/** Each type and directive a schema defines beyond GraphQL's own, printed, by name. */
function definitionsOf(schema: GraphQLSchema): Map<string, string> {
  const sorted = lexicographicSortSchema(schema);
  const types = Object.values(sorted.getTypeMap()).filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type));
  const directives = sorted.getDirectives().filter((directive) => !isSpecifiedDirective(directive));
  return new Map([
    ...types.map((type) => [type.name, printType(type)] as const),
    // graphql-js prints a directive only within a schema: one that holds nothing else.
    ...directives.map((directive) => [`@${directive.name}`, printSchema(new GraphQLSchema({ directives: [directive] }))] as const),
  ]);
}
