import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { OperationPolicy } from '../access/operationPolicy';

/**
 * Runs the policy's checks of a whole operation (its variables, its cost) over HTTP once the
 * operation is known and before graphql-js coerces its variables; a refusal is the client's
 * mistake, so it answers HTTP 400 (the policy's errors say nothing of HTTP: that is said here).
 * (A hook that throws earlier than this is an unexpected error to Apollo: a 500.)
 */
export function operationChecksPlugin(policy: OperationPolicy): ApolloServerPlugin {
  // One hooks object for every request: the checks keep no state of their own.
  const checks: GraphQLRequestListener<BaseContext> = {
    async didResolveOperation({ request, document, schema, operationName }) {
      const [error] = policy.operationErrors({ schema, document, operationName, variables: request.variables });
      if (error) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
    },
  };
  return { requestDidStart: async () => checks };
}
