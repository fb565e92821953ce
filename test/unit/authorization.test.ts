import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql, parse, subscribe } from 'graphql';
import type { ExecutionResult, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { authorizeSchema } from '../../src/access/authorization';
import { both, decide } from '../../src/access/requirements';
import { ANONYMOUS, UNCHECKED } from '../../src/auth/caller';
import type { Caller } from '../../src/auth/caller';
import { findSchemaDirectory } from '../../src/graphql/schema';
import { refusals, tokenCaller } from '../helpers/callers';

/** The gateway's own directive definitions (schema/directives.graphql), as the real schema has them. */
const DIRECTIVES = readFileSync(path.join(findSchemaDirectory(), 'directives.graphql'), 'utf8');

const SDL = /* GraphQL */ `
  type Query {
    open: String
    signedIn: String @authenticated
    "a and b, or c"
    either: String @requiresScopes(scopes: [["a", "b"], ["c"]])
    secret: Secret
    secrets: [Secret]
    strictSecrets: [Secret!]
    "Its own b and Secret's a."
    bothScopes: Secret @requiresScopes(scopes: [["b"]])
    wrapper: Wrapper
    thing(kind: String!): Thing
    things: [Thing]
    pick(kind: String!): SecretOrOpen
    level: Level
    stamp: Stamp
  }
  type Wrapper {
    requiredSecret: Secret!
    sibling: String
  }
  interface Thing {
    id: ID!
  }
  type Secret implements Thing @requiresScopes(scopes: [["a"]]) {
    id: ID!
    value: String
  }
  type Open implements Thing {
    id: ID!
  }
  union SecretOrOpen = Secret | Open
  enum Level @requiresScopes(scopes: [["d"]]) {
    LOW
  }
  scalar Stamp @authenticated
  type Subscription {
    ticks: Secret
  }
`;


/** A schema over SDL whose every resolver counts its calls, with the authorization transform applied. */
function countingSchema(typeDefs = SDL) {
  const calls = new Map<string, number>();
  const counted =
    <T>(name: string, value: () => T) =>
    () => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return value();
    };
  const secret = { __typename: 'Secret', id: 's1', value: 'hidden' };
  const open = { __typename: 'Open', id: 'o1' };
  const schema = authorizeSchema(
    makeExecutableSchema({
      typeDefs: [DIRECTIVES, typeDefs],
      resolvers: {
        Query: {
          open: counted('open', () => 'hello'),
          signedIn: counted('signedIn', () => 'you'),
          either: counted('either', () => 'either'),
          secret: counted('secret', () => secret),
          secrets: counted('secrets', () => [secret, secret]),
          strictSecrets: counted('strictSecrets', () => [secret]),
          bothScopes: counted('bothScopes', () => secret),
          wrapper: counted('wrapper', () => ({ sibling: 'beside' })),
          thing: (_root: unknown, { kind }: { kind: string }) => (kind === 'secret' ? secret : open),
          things: counted('things', () => [open, secret]),
          pick: (_root: unknown, { kind }: { kind: string }) => (kind === 'secret' ? secret : open),
          level: counted('level', () => 'LOW'),
          stamp: counted('stamp', () => 'now'),
        },
        Wrapper: { requiredSecret: counted('requiredSecret', () => secret) },
        Secret: { value: counted('Secret.value', () => secret.value) },
        Subscription: {
          ticks: {
            subscribe: counted('ticks.subscribe', async function* () {
              yield { ticks: secret };
            }),
          },
        },
      },
      // The schemas refused at build lack most of these fields.
      resolverValidationOptions: { requireResolversToMatchSchema: 'ignore' },
    }),
  );
  return { schema, calls };
}

function run(schema: GraphQLSchema, caller: Caller, source: string): Promise<ExecutionResult> {
  return graphql({ schema, source, contextValue: { caller } });
}

describe('decide', () => {
  const scopes = { scopes: [['a', 'b'], ['c']] };

  it('lets an unchecked caller through any requirement, and anyone through none', () => {
    expect(decide(scopes, UNCHECKED)).toBe('allowed');
    expect(decide(undefined, ANONYMOUS)).toBe('allowed');
    expect(decide(undefined, tokenCaller())).toBe('allowed');
  });

  it('answers UNAUTHENTICATED to an anonymous caller for any requirement, even authentication alone', () => {
    expect(decide(scopes, ANONYMOUS)).toBe('UNAUTHENTICATED');
    expect(decide({ scopes: [[]] }, ANONYMOUS)).toBe('UNAUTHENTICATED');
  });

  it('lets a token through when it holds every scope of one alternative, else FORBIDDEN', () => {
    expect(decide({ scopes: [[]] }, tokenCaller())).toBe('allowed');
    expect(decide(scopes, tokenCaller('a', 'b'))).toBe('allowed');
    expect(decide(scopes, tokenCaller('c'))).toBe('allowed');
    expect(decide(scopes, tokenCaller('a'))).toBe('FORBIDDEN');
    expect(decide(scopes, tokenCaller('b', 'd'))).toBe('FORBIDDEN');
    expect(decide(scopes, tokenCaller())).toBe('FORBIDDEN');
  });

  it('combines two requirements as both: each alternative of one with each of the other', () => {
    expect(both({ scopes: [['a'], ['b']] }, { scopes: [['c']] })).toEqual({ scopes: [['a', 'c'], ['b', 'c']] });
    expect(both({ scopes: [[]] }, { scopes: [['c']] })).toEqual({ scopes: [['c']] });
    expect(both({ scopes: [['a']] }, { scopes: [['a'], ['a', 'b']] })).toEqual({ scopes: [['a']] });
    expect(both(undefined, { scopes: [['c']] })).toEqual({ scopes: [['c']] });
    expect(both(undefined, undefined)).toBeUndefined();
  });
});

describe('authorizeSchema', () => {
  it('answers a refused field null with its code at its path, never runs its resolver, and answers the rest', async () => {
    const { schema, calls } = countingSchema();
    const result = await run(schema, tokenCaller('c'), '{ open signedIn either secret { id value } }');
    expect(result.data).toEqual({ open: 'hello', signedIn: 'you', either: 'either', secret: null });
    expect(refusals(result)).toEqual([['secret', 'FORBIDDEN']]);
    expect(result.errors![0]!.message).toBe('Query.secret needs the scope a.');
    expect(result.errors![0]!.extensions['requiredScopes']).toEqual([['a']]);
    expect(calls.get('secret')).toBeUndefined();
    expect(calls.get('Secret.value')).toBeUndefined();
    expect(calls.get('open')).toBe(1);
  });

  it('answers an anonymous caller UNAUTHENTICATED on every guarded field, naming what a token would need', async () => {
    const { schema, calls } = countingSchema();
    const result = await run(schema, ANONYMOUS, '{ open signedIn either secret { id } }');
    expect(result.data).toEqual({ open: 'hello', signedIn: null, either: null, secret: null });
    expect(refusals(result)).toEqual([
      ['either', 'UNAUTHENTICATED'],
      ['secret', 'UNAUTHENTICATED'],
      ['signedIn', 'UNAUTHENTICATED'],
    ]);
    expect(result.errors!.map((error) => error.message)).toEqual([
      'Query.signedIn needs an access token.',
      'Query.either needs an access token with the scopes a and b, or the scope c.',
      'Query.secret needs an access token with the scope a.',
    ]);
    expect(result.errors![0]!.extensions['requiredScopes']).toBeUndefined();
    expect([...calls.keys()]).toEqual(['open']);
  });

  it('reads @requiresScopes as an OR of AND-lists', async () => {
    const { schema } = countingSchema();
    const answer = async (caller: Caller) => (await run(schema, caller, '{ either }')).data?.['either'];
    expect(await answer(tokenCaller('a', 'b'))).toBe('either');
    expect(await answer(tokenCaller('c'))).toBe('either');
    expect(await answer(tokenCaller('a'))).toBeNull();
    expect(await answer(tokenCaller('b'))).toBeNull();
    const refused = await run(schema, tokenCaller('a'), '{ either }');
    expect(refused.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', requiredScopes: [['a', 'b'], ['c']] });
  });

  it("guards a field by its own requirement AND its type's", async () => {
    const { schema, calls } = countingSchema();
    const query = '{ bothScopes { id } }';
    expect((await run(schema, tokenCaller('a'), query)).data).toEqual({ bothScopes: null });
    expect((await run(schema, tokenCaller('b'), query)).data).toEqual({ bothScopes: null });
    expect(calls.get('bothScopes')).toBeUndefined();
    const refused = await run(schema, tokenCaller('b'), query);
    expect(refused.errors![0]!.extensions['requiredScopes']).toEqual([['a', 'b']]);
    expect((await run(schema, tokenCaller('a', 'b'), query)).data).toEqual({ bothScopes: { id: 's1' } });
    expect(calls.get('bothScopes')).toBe(1);
  });

  it('guards every field that answers a guarded enum or scalar', async () => {
    const { schema } = countingSchema();
    const refused = await run(schema, ANONYMOUS, '{ level stamp }');
    expect(refused.data).toEqual({ level: null, stamp: null });
    expect(refusals(refused)).toEqual([
      ['level', 'UNAUTHENTICATED'],
      ['stamp', 'UNAUTHENTICATED'],
    ]);
    expect((await run(schema, tokenCaller(), '{ level stamp }')).data).toEqual({ level: null, stamp: 'now' });
    expect((await run(schema, tokenCaller('d'), '{ level }')).data).toEqual({ level: 'LOW' });
  });

  it('refuses a guarded list field as a whole, and a guarded object reached through an interface item by item', async () => {
    const { schema, calls } = countingSchema();
    const list = await run(schema, tokenCaller(), '{ secrets { id } }');
    expect(list.data).toEqual({ secrets: null });
    expect(refusals(list)).toEqual([['secrets', 'FORBIDDEN']]);
    expect(calls.get('secrets')).toBeUndefined();

    const mixed = await run(schema, tokenCaller(), '{ things { id } open }');
    expect(mixed.data).toEqual({ things: [{ id: 'o1' }, null], open: 'hello' });
    expect(refusals(mixed)).toEqual([['things.1', 'FORBIDDEN']]);
    expect(mixed.errors![0]!.message).toBe('Secret needs the scope a.');
    expect((await run(schema, tokenCaller('a'), '{ things { id } }')).data).toEqual({ things: [{ id: 'o1' }, { id: 's1' }] });
  });

  it('checks the concrete type of an interface or union once it is known', async () => {
    const { schema, calls } = countingSchema();
    const query = `{
      secretThing: thing(kind: "secret") { id }
      openThing: thing(kind: "open") { id }
      secretPick: pick(kind: "secret") { ... on Secret { value } }
      openPick: pick(kind: "open") { ... on Open { id } }
    }`;
    const refused = await run(schema, ANONYMOUS, query);
    expect(refused.data).toEqual({ secretThing: null, openThing: { id: 'o1' }, secretPick: null, openPick: { id: 'o1' } });
    expect(refusals(refused)).toEqual([
      ['secretPick', 'UNAUTHENTICATED'],
      ['secretThing', 'UNAUTHENTICATED'],
    ]);
    expect(calls.get('Secret.value')).toBeUndefined();
    expect((await run(schema, tokenCaller('a'), query)).data).toEqual({
      secretThing: { id: 's1' },
      openThing: { id: 'o1' },
      secretPick: { value: 'hidden' },
      openPick: { id: 'o1' },
    });
  });

  it('propagates a refused non-null field to its nearest nullable parent, as any null of a non-null field', async () => {
    const { schema, calls } = countingSchema();
    const nested = await run(schema, tokenCaller(), '{ wrapper { sibling requiredSecret { id } } open }');
    expect(nested.data).toEqual({ wrapper: null, open: 'hello' });
    expect(refusals(nested)).toEqual([['wrapper.requiredSecret', 'FORBIDDEN']]);
    expect(calls.get('requiredSecret')).toBeUndefined();

    const items = await run(schema, tokenCaller(), '{ strictSecrets { id } }');
    expect(items.data).toEqual({ strictSecrets: null });
    expect(refusals(items)).toEqual([['strictSecrets', 'FORBIDDEN']]);
  });

  it('refuses a subscription before subscribing: its subscribe never runs', async () => {
    const { schema, calls } = countingSchema();
    const refused = (await subscribe({ schema, document: parse('subscription { ticks { id } }'), contextValue: { caller: tokenCaller('b') } })) as ExecutionResult;
    expect(refusals(refused)).toEqual([['ticks', 'FORBIDDEN']]);
    expect(calls.get('ticks.subscribe')).toBeUndefined();

    const events = await subscribe({ schema, document: parse('subscription { ticks { id } }'), contextValue: { caller: tokenCaller('a') } });
    const first = await (events as AsyncGenerator<ExecutionResult>).next();
    expect(first.value).toEqual({ data: { ticks: { id: 's1' } } });
    expect(calls.get('ticks.subscribe')).toBe(1);
  });

  it('serves an unchecked caller everything, as before authorization existed', async () => {
    const { schema } = countingSchema();
    const result = await run(schema, UNCHECKED, '{ signedIn either secret { value } things { id } wrapper { requiredSecret { id } } level stamp }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      signedIn: 'you',
      either: 'either',
      secret: { value: 'hidden' },
      things: [{ id: 'o1' }, { id: 's1' }],
      wrapper: { requiredSecret: { id: 's1' } },
      level: 'LOW',
      stamp: 'now',
    });
  });

  it("wraps only guarded fields: the others keep exactly their own resolvers (a guarded type's fields too)", () => {
    const source = makeExecutableSchema({ typeDefs: [DIRECTIVES, SDL], resolvers: { Query: { open: () => 'hello', secret: () => null }, Secret: { value: () => 'hidden' } } });
    const authorized = authorizeSchema(source);
    const resolverOf = (schema: GraphQLSchema, type: string, field: string) => (schema.getType(type) as GraphQLObjectType).getFields()[field]!.resolve;
    expect(resolverOf(authorized, 'Query', 'open')).toBe(resolverOf(source, 'Query', 'open'));
    expect(resolverOf(authorized, 'Query', 'secret')).not.toBe(resolverOf(source, 'Query', 'secret'));
    // Reaching a Secret at all is the check; its own fields are not guarded again.
    expect(resolverOf(authorized, 'Secret', 'value')).toBe(resolverOf(source, 'Secret', 'value'));
  });

  it('refuses to build a schema whose interface or interface field carries a requirement (composition refuses them too)', () => {
    const onInterface = (where: string) => `
      type Query { thing: Thing }
      interface Thing ${where === 'type' ? '@authenticated' : ''} { id: ID! ${where === 'field' ? '@requiresScopes(scopes: [["a"]])' : ''} }
      type Open implements Thing { id: ID! }
    `;
    expect(() => countingSchema(onInterface('type'))).toThrow('Interface Thing carries @authenticated or @requiresScopes');
    expect(() => countingSchema(onInterface('field'))).toThrow('Interface Thing carries @authenticated or @requiresScopes');
    expect(() => countingSchema('type Query { nobody: String @requiresScopes(scopes: []) }')).toThrow('lets no caller read it');
  });
});
