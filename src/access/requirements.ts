import { getDirective, memoize1 } from '@graphql-tools/utils';
import { getNamedType, isInterfaceType, isObjectType } from 'graphql';
import type { GraphQLField, GraphQLNamedType, GraphQLSchema } from 'graphql';
import type { Caller } from '../auth/caller';

/**
 * What a caller needs to read a field or a type, from the SDL's `@authenticated` and
 * `@requiresScopes`: an authenticated caller holding every scope of at least one of `scopes`
 * (an OR of AND-lists, as Apollo Router reads `@requiresScopes`). `[[]]` asks for
 * authentication alone. Nothing to check is `undefined`, not a Requirement.
 */
export interface Requirement {
  readonly scopes: ReadonlyArray<readonly string[]>;
}

export const AUTHENTICATED: Requirement = { scopes: [[]] };

/** What a caller gets: to read it, or the `extensions.code` of the refusal. */
export type Decision = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN';

export function decide(requirement: Requirement | undefined, caller: Caller): Decision {
  if (!requirement || caller.kind === 'unchecked') return 'allowed';
  if (caller.kind === 'anonymous') return 'UNAUTHENTICATED';
  return requirement.scopes.some((all) => all.every((scope) => caller.scopes.has(scope))) ? 'allowed' : 'FORBIDDEN';
}

/** Both requirements at once: each alternative of one with each of the other. */
export function both(first: Requirement | undefined, second: Requirement | undefined): Requirement | undefined {
  if (!first || !second) return first ?? second;
  return normalised(first.scopes.flatMap((left) => second.scopes.map((right) => [...left, ...right])));
}

/** Each AND-list sorted and without repeats; an alternative that asks more than another goes. */
function normalised(alternatives: ReadonlyArray<readonly string[]>): Requirement {
  const sets = alternatives.map((all) => [...new Set(all)].sort());
  const asksMore = (all: string[], other: string[]) => other.length < all.length && other.every((scope) => all.includes(scope));
  const distinct = sets.filter((all, index) => sets.findIndex((other) => other.join(' ') === all.join(' ')) === index);
  return { scopes: distinct.filter((all) => !distinct.some((other) => asksMore(all, other))) };
}

/** What one type or field declares itself. */
function declaredOn(schema: GraphQLSchema, element: GraphQLNamedType | GraphQLField<unknown, unknown>): Requirement | undefined {
  const authenticated = getDirective(schema, element, 'authenticated') ? AUTHENTICATED : undefined;
  const scoped = (getDirective(schema, element, 'requiresScopes') ?? []).map((args) => {
    const scopes = args['scopes'] as string[][];
    if (!scopes.length) throw new Error(`@requiresScopes(scopes: []) on ${element.name} lets no caller read it: give at least one list of scopes.`);
    return normalised(scopes);
  });
  return scoped.reduce(both, authenticated);
}

export interface SchemaRequirements {
  /** What reading an object of this type (or a value of this scalar or enum) needs. */
  ofType(typeName: string): Requirement | undefined;
  /** What this field needs: its own directives and those of the type it answers (its named type). */
  ofField(typeName: string, fieldName: string): Requirement | undefined;
}

/**
 * A schema's requirements, read from its SDL once per schema. Interfaces and their fields carry
 * none: Federation composition refuses them (AUTH_REQUIREMENTS_APPLIED_ON_INTERFACE), so a router
 * would not enforce them, and the gateway refuses to start with one rather than differ from it.
 */
export const requirementsOf = memoize1((schema: GraphQLSchema): SchemaRequirements => {
  const byType = new Map<string, Requirement>();
  for (const type of Object.values(schema.getTypeMap())) {
    const declared = declaredOn(schema, type);
    if (isInterfaceType(type) && (declared || Object.values(type.getFields()).some((field) => declaredOn(schema, field)))) {
      throw new Error(`Interface ${type.name} carries @authenticated or @requiresScopes: put them on its implementations instead.`);
    }
    if (declared) byType.set(type.name, declared);
  }
  return {
    ofType: (typeName) => byType.get(typeName),
    ofField: (typeName, fieldName) => {
      const type = schema.getType(typeName);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      if (!field) throw new Error(`No field ${typeName}.${fieldName} in the schema.`);
      return both(declaredOn(schema, field), byType.get(getNamedType(field.type).name));
    },
  };
});

/** What reading an object of a type needs, for code that fetches one by its type's name (node(id), _entities). */
export function typeRequirementOf(schema: GraphQLSchema, typeName: string): Requirement | undefined {
  return requirementsOf(schema).ofType(typeName);
}
