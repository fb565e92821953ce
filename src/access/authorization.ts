import { MapperKind, mapMaybePromise, mapSchema } from '@graphql-tools/utils';
import { GraphQLError, GraphQLInterfaceType, GraphQLUnionType, defaultFieldResolver, defaultTypeResolver } from 'graphql';
import type { GraphQLAbstractType, GraphQLFieldResolver, GraphQLSchema, GraphQLTypeResolver } from 'graphql';
import type { Maybe } from 'graphql/jsutils/Maybe';
import type { Caller } from '../auth/caller';
import { decide, requirementsOf, typeRequirementOf } from './requirements';
import type { Decision, Requirement, SchemaRequirements } from './requirements';

/** The part of a request's context the checks read (GraphQLContext has it). */
interface CallerContext {
  readonly caller: Caller;
}

/** "the scope a, or the scopes b and c" */
function describeScopes(scopes: Requirement['scopes']): string {
  return scopes.map((all) => (all.length === 1 ? `the scope ${all[0]}` : `the scopes ${all.join(' and ')}`)).join(', or ');
}

/**
 * The error a caller gets for a field or object it may not read, at that field's path:
 * UNAUTHENTICATED without a token, FORBIDDEN with one that lacks the scopes, whose
 * alternatives `extensions.requiredScopes` lists (as `@requiresScopes` writes them).
 */
export function refusal(decision: Exclude<Decision, 'allowed'>, subject: string, requirement: Requirement): GraphQLError {
  const scoped = requirement.scopes.some((all) => all.length > 0);
  const needs = decision === 'UNAUTHENTICATED' ? `an access token${scoped ? ` with ${describeScopes(requirement.scopes)}` : ''}` : describeScopes(requirement.scopes);
  return new GraphQLError(`${subject} needs ${needs}.`, {
    extensions: { code: decision, ...(scoped && { requiredScopes: requirement.scopes }) },
  });
}

function refuseUnlessAllowed(requirement: Requirement | undefined, caller: Caller, subject: string): void {
  if (!requirement) return;
  const decision = decide(requirement, caller);
  if (decision !== 'allowed') throw refusal(decision, subject, requirement);
}

/**
 * Throws the refusal when the caller may not read an object of this type. For code that fetches
 * an object by its type's name (`node(id)`, `_entities`): called before the fetch, so a refused
 * object costs no vendor call.
 */
export function assertMayRead(schema: GraphQLSchema, typeName: string, caller: Caller): void {
  refuseUnlessAllowed(typeRequirementOf(schema, typeName), caller, typeName);
}

/** A resolver (or subscribe) that checks the caller first, so a refused field never runs it. */
function guarded<TArgs>(
  resolve: GraphQLFieldResolver<unknown, CallerContext, TArgs>,
  requirement: Requirement,
  coordinate: string,
): GraphQLFieldResolver<unknown, CallerContext, TArgs> {
  return (source, args, context, info) => {
    refuseUnlessAllowed(requirement, context.caller, coordinate);
    return resolve(source, args, context, info);
  };
}

/** An abstract type's resolveType that refuses an object of a type the caller may not read. */
function checkedResolveType(
  abstractTypeName: string,
  own: Maybe<GraphQLTypeResolver<unknown, CallerContext>>,
  requirements: SchemaRequirements,
): GraphQLTypeResolver<unknown, CallerContext> {
  const resolveType = own ?? defaultTypeResolver;
  // graphql-jit calls resolveType without the abstract type (graphql-js passes it), and the
  // default resolver needs it: the one of the running schema, by the name this resolver serves.
  return (value, context, info) =>
    mapMaybePromise(resolveType(value, context, info, info.schema.getType(abstractTypeName) as GraphQLAbstractType), (typeName) => {
      if (typeName !== undefined) refuseUnlessAllowed(requirements.ofType(typeName), context.caller, typeName);
      return typeName;
    });
}

/**
 * Enforces the SDL's `@authenticated` / `@requiresScopes` in the schema itself, as Apollo Router
 * does at the edge: a field the caller may not read answers null with its refusal at its path,
 * its resolver never runs, and the rest of the operation answers. Applied once at build; only
 * guarded fields and the abstract types with a guarded member are wrapped, so the rest of the
 * schema runs as before. A field is guarded by its own directives and by those of the type it
 * answers; an object reached through an interface or union is checked once its type is known.
 */
export function authorizeSchema(schema: GraphQLSchema): GraphQLSchema {
  const requirements = requirementsOf(schema);
  const guardsAMember = (type: GraphQLInterfaceType | GraphQLUnionType) =>
    schema.getPossibleTypes(type).some((member) => requirements.ofType(member.name));
  const authorized = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const requirement = requirements.ofField(typeName, fieldName);
      if (!requirement) return field;
      const coordinate = `${typeName}.${fieldName}`;
      return {
        ...field,
        resolve: guarded(field.resolve ?? defaultFieldResolver, requirement, coordinate),
        ...(field.subscribe && { subscribe: guarded(field.subscribe, requirement, coordinate) }),
      };
    },
    [MapperKind.INTERFACE_TYPE]: (type) =>
      guardsAMember(type) ? new GraphQLInterfaceType({ ...type.toConfig(), resolveType: checkedResolveType(type.name, type.resolveType, requirements) }) : type,
    [MapperKind.UNION_TYPE]: (type) =>
      guardsAMember(type) ? new GraphQLUnionType({ ...type.toConfig(), resolveType: checkedResolveType(type.name, type.resolveType, requirements) }) : type,
  });
  // assertMayRead reads the requirements of the schema it runs in: read them now, not on a request.
  requirementsOf(authorized);
  return authorized;
}
