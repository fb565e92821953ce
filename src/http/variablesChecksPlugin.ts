import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** A transport-blind check of a request's variables (src/access): the error refusing them, if any. */
export type VariablesCheck = (variables: Readonly<Record<string, unknown>> | undefined) => GraphQLError | undefined;

/**
 * Runs the access layer's variables checks over HTTP once the operation is known and before
 * graphql-js coerces its variables; a refusal is the client's mistake, so it answers HTTP 400.
 * (A hook that throws earlier than this is an unexpected error to Apollo: a 500.)
 */
export function variablesChecksPlugin(...checks: VariablesCheck[]): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          for (const check of checks) {
            const error = check(request.variables);
            if (error) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
