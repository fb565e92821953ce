import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { introspectionFromSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { introspectionDisagreements, printSchemaFile } from '../../scripts/schemaPrintout';
import { withSdlScalarDescriptions } from '../../src/graphql/scalars';
import { buildSchema } from '../../src/graphql/schema';

/** What `npm run schema:check` finds wrong with a printout of `schema`. */
const disagreementsOf = (schema: GraphQLSchema, printout = printSchemaFile(schema)) => introspectionDisagreements(printout, introspectionFromSchema(schema));

describe('schema.graphql and the schema check (scripts/schemaPrintout.ts)', () => {
  const served = buildSchema();
  const printed = printSchemaFile(served);

  it('commits the printout of the served schema, which says what its introspection shows', () => {
    expect(readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8')).toBe(printed);
    expect(disagreementsOf(served)).toEqual([]);
  });

  it('serves each custom scalar with the description the SDL wrote, not its library’s', () => {
    for (const name of ['DateTime', 'URL', 'JSON', 'SafeInt', 'Upload']) {
      const scalar = served.getType(name)!;
      expect([name, scalar.description]).toEqual([name, scalar.astNode!.description!.value]);
    }
  });

  it('reports a scalar whose implementation replaced the SDL’s description, until the SDL’s is restored', () => {
    const schema = makeExecutableSchema({ typeDefs: '"Ours." scalar DateTime type Query { now: DateTime }', resolvers: { DateTime: DateTimeResolver } });
    const [disagreement, ...others] = disagreementsOf(schema);
    expect(others).toEqual([]);
    expect(disagreement).toMatch(/^DateTime: schema\.graphql has\n"""Ours\."""\nscalar DateTime\nintrospection shows\n"""\nA date-time string at UTC/);
    expect(disagreementsOf(withSdlScalarDescriptions(schema))).toEqual([]);
  });

  it.each([
    ['a field description', '"""The asset store\'s key."""\n  key: ID!', '"""Another key."""\n  key: ID!', 'Asset'],
    ['a deprecation reason', 'read AssetUploadPayload.record.name.', 'read something else.', 'Asset'],
    ['a directive definition', 'directive @maxItems(count: Int!) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION', 'directive @maxItems(count: Int) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION', '@maxItems'],
    ['a type', 'contentUrl: URL!', 'contentUrl: URL', 'Asset'],
  ])('reports %s that differs from introspection', (_what, from, to, definition) => {
    expect(printed).toContain(from);
    const drifted = disagreementsOf(served, printed.replace(from, to));
    expect(drifted.map((line) => line.split(':')[0])).toEqual([definition]);
  });

  it('ignores only the directive usages introspection cannot carry', () => {
    const withoutUsages = printed
      .replaceAll(/ @requiresScopes\(scopes: \[\[[^\]]*\]\]\)/g, '')
      .replaceAll(/ @cost\(weight: \d+\)/g, '')
      .replaceAll(/(?<!directive) @authenticated\b/g, '');
    expect(withoutUsages).not.toMatch(/@requiresScopes\(scopes: \[\["|@cost\(weight: \d/);
    expect(disagreementsOf(served, withoutUsages)).toEqual([]);
    const undeprecated = printed.replace(/ @deprecated\(reason: "[^"]*"\)/, '');
    expect(disagreementsOf(served, undeprecated)).toHaveLength(1);
  });
});
