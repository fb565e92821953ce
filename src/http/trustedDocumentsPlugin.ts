import type { ApolloServerPlugin } from '@apollo/server';
import type { TrustedDocuments } from '../access/trustedDocuments/trustedDocuments';
import type { GraphQLContext } from '../graphql/context';
import { clientIdentityOf } from '../observability/clientAwareness';

/**
 * PERSISTED_DOCUMENTS_MODE=log over HTTP: once Apollo knows which operation runs (its text
 * after an APQ lookup, its name from the document), one that no manifest lists is counted and
 * logged. Its hash is Apollo's queryHash, so a listed text costs one map lookup.
 */
export function trustedDocumentsLogPlugin(trusted: TrustedDocuments): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, queryHash, operationName, request, contextValue }) {
          trusted.noteIfUntrusted(source, queryHash, { operationName, client: clientIdentityOf(request.http?.headers), log: contextValue.log });
        },
      };
    },
  };
}
