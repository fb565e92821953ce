import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationLimits } from '../access/operationLimits';
import type { GraphQLContext } from '../graphql/context';

/**
 * The access layer's operation limits over HTTP: checked once the operation is known (document,
 * operation name and raw variables), before execution. Apollo answers one error per refusal.
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const [refusal] = limits({ schema, document, operationName: request.operationName, variables: request.variables });
          if (refusal) throw refusal;
        },
      };
    },
  };
}
