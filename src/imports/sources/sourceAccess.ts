import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { refusal } from '../../access/authorization';
import { decide, typeRequirementOf } from '../../access/requirements';
import type { Caller } from '../../auth/caller';
import { GatewayError } from '../../errors';
import { loadTypeDefs } from '../../graphql/typeDefs';

let sdlSchema: GraphQLSchema | undefined;

/**
 * Refuses (UNAUTHENTICATED or FORBIDDEN, worded as the graph's own refusal) a caller who could
 * not read the source's type in the graph: an import reads nothing a query could not. The rule
 * lives in the SDL's `@authenticated` / `@requiresScopes` alone, so the SDL is read once, without
 * resolvers (the executable schema's resolvers reach this module: it must not need them).
 */
export function assertMayReadSource(typeName: string, caller: Caller): void {
  sdlSchema ??= makeExecutableSchema({ typeDefs: loadTypeDefs() });
  const requirement = typeRequirementOf(sdlSchema, typeName);
  const decision = decide(requirement, caller);
  if (decision !== 'allowed') throw new GatewayError(decision, refusal(decision, typeName, requirement!).message);
}
