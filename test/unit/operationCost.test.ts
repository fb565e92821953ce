import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, getVariableValues, parse } from 'graphql';
import type { FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { SCENARIOS } from '../../bench/scenarios';
import { operationCoster } from '../../src/access/operationCost';
import { loadConfig } from '../../src/config';
import { buildSchema, loadTypeDefs } from '../../src/graphql/schema';

/** An operation's cost as the gateway estimates it, with its variables coerced as execution would. */
function costIn(schema: GraphQLSchema) {
  const costOf = operationCoster(schema);
  return (query: string, variables: Record<string, unknown> = {}): number => {
    const document = parse(query);
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const fragments = Object.fromEntries(
      document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    const { coerced, errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (!coerced) throw errors[0];
    return costOf(operation, fragments, coerced);
  };
}

describe('operation cost (IBM cost directives, as Apollo Router counts them)', () => {
  // The directives as the gateway's SDL defines them, over a small schema whose costs are easy to follow.
  const [directives] = loadTypeDefs().filter((sdl) => sdl.includes('directive @listSize'));
  const cost = costIn(
    makeExecutableSchema({
      typeDefs: [
        directives!,
        /* GraphQL */ `
          type Query {
            item(id: ID!): Item @cost(weight: 10)
            items(first: Int = 5, last: Int): ItemConnection! @cost(weight: 20)
              @listSize(slicingArguments: ["first", "last"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)
            many(ids: [ID!]! @cost(weight: 10)): [Item]! @listSize(assumedSize: 100)
            tags: [Tag!]!
            search(filter: Filter): Int
            thing: Thing
          }
          type Mutation { touch(id: ID!): Item @cost(weight: 10) }
          type ItemConnection { edges: [ItemEdge!]! nodes: [Item!]! pageInfo: Info! total: Int! }
          type ItemEdge { cursor: String! node: Item! }
          type Info { hasNextPage: Boolean! }
          type Item { id: ID! name: String tag: Tag }
          type Tag { label: String! }
          type Other { tags: [Tag!]! @listSize(assumedSize: 3) }
          union Thing = Item | Other
          input Filter { names: [String!] @cost(weight: 2) near: Filter }
        `,
      ],
    }),
  );

  it('costs a scalar 0, an object 1, and a weighted field its weight', () => {
    expect(cost('{ tags { label } }')).toBe(10 * 1); // an unsized list: ASSUMED_LIST_SIZE (10) tags of 1
    expect(cost('{ item(id: "1") { id name } }')).toBe(10);
    expect(cost('{ item(id: "1") { id tag { label } } }')).toBe(10 + 1);
    expect(cost('{ __typename item(id: "1") { __typename } }')).toBe(10);
  });

  it('multiplies only the sized fields of a connection by its slicing argument', () => {
    // weight 20 + edges 7 × (edge 1 + node 1) + pageInfo 1 + total 0
    expect(cost('{ items(first: 7) { edges { node { id } } pageInfo { hasNextPage } total } }')).toBe(20 + 7 * 2 + 1);
    expect(cost('{ items(first: 7) { nodes { tag { label } } } }')).toBe(20 + 7 * 2);
  });

  it('reads a slicing argument from a variable exactly as from a literal', () => {
    const query = 'query($n: Int) { items(first: $n) { nodes { tag { label } } } }';
    expect(cost(query, { n: 100 })).toBe(cost('{ items(first: 100) { nodes { tag { label } } } }'));
    expect(cost(query, { n: 100 })).toBe(20 + 100 * 2);
    expect(cost(query, { n: 10 })).toBe(20 + 10 * 2);
  });

  it('uses the default of a slicing argument left out, and the largest of several given', () => {
    expect(cost('{ items { nodes { id } } }')).toBe(20 + 5);
    expect(cost('query($n: Int) { items(first: 2, last: $n) { nodes { id } } }', { n: 9 })).toBe(20 + 9);
  });

  it('costs a list argument per item, from a variable as from a literal', () => {
    const ids = Array.from({ length: 40 }, (_, index) => String(index));
    // the argument once and each id (10 × 41), plus the assumed 100 items of 1
    expect(cost('query($ids: [ID!]!) { many(ids: $ids) { id } }', { ids })).toBe(10 * 41 + 100);
    expect(cost(`{ many(ids: ${JSON.stringify(ids)}) { id } }`)).toBe(10 * 41 + 100);
  });

  it('costs an input object 1 and a weighted input field its weight per item', () => {
    expect(cost('{ search(filter: { names: ["a", "b"] }) }')).toBe(1 + 2 * 3);
    expect(cost('query($f: Filter) { search(filter: $f) }', { f: { near: { names: ['a'] } } })).toBe(1 + 1 + 2 * 2);
  });

  it('counts fields through fragments, merges repeated ones, and leaves skipped ones out', () => {
    expect(cost('{ item(id: "1") { ...F ... on Item { tag { label } } } } fragment F on Item { tag { label } }')).toBe(10 + 1);
    expect(cost('query($no: Boolean!) { item(id: "1") { tag @skip(if: $no) { label } } }', { no: true })).toBe(10);
    expect(cost('{ a: item(id: "1") { id } b: item(id: "2") { id } }')).toBe(20);
  });

  it('costs an abstract type as its dearest possible type', () => {
    expect(cost('{ thing { ... on Item { tag { label } } ... on Other { tags { label } } } }')).toBe(1 + 3);
  });

  it('adds 10 for a mutation', () => {
    expect(cost('mutation { touch(id: "1") { id } }')).toBe(10 + 10);
  });
});

describe("the gateway's schema and the default limit", () => {
  const cost = costIn(buildSchema());
  const limit = loadConfig({}).limits.cost;
  const fixtures = {
    photoIds: Array.from({ length: 100 }, (_, index) => `photo-${index}`),
    orderPageOffsets: [0, 50],
    orderPageCursors: [null, 'cursor'],
  };
  const readmeExamples = [...readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map(
    (match) => match[1]!,
  );

  it.each(SCENARIOS.map((scenario) => [scenario.title, scenario] as const))('bench scenario "%s" costs under a quarter of the limit', (_title, scenario) => {
    for (const operation of scenario.operations(fixtures)) expect(cost(operation.query, operation.variables)).toBeLessThan(limit / 4);
  });

  it.each(readmeExamples.map((query) => [query.split('\n')[0], query] as const))('README example %s costs under a quarter of the limit', (_title, query) => {
    expect(cost(query)).toBeLessThan(limit / 4);
  });

  it('prices photos of photos by the page size, so first: $n = 100 is refused where 10 is not', () => {
    const query = 'query($p: ID!, $n: Int) { project(id: $p) { photos(first: $n) { nodes { project { photos(first: $n) { nodes { title } } } } } } }';
    expect(cost(query, { p: 'x', n: 10 })).toBeLessThanOrEqual(limit);
    expect(cost(query, { p: 'x', n: 100 })).toBeGreaterThan(limit);
  });
});
