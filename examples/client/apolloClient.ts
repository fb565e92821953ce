import { ApolloClient, HttpLink } from '@apollo/client';
import { createCache } from './cache';
import { credentialsLink } from './credentials';
import type { Credentials } from './credentials';
import { withPersistedDocuments } from './persistedDocuments';
import type { PersistedDocumentIds } from './persistedDocuments';

export interface GatewayOptions extends Credentials {
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  uri: string;
  /** Which app this is: sent as apollographql-client-name / -version, counted and logged by the gateway. */
  clientAwareness?: ApolloClient.Options['clientAwareness'];
  /** Send each operation's persisted-document id instead of its text (trusted documents). */
  persistedDocuments?: PersistedDocumentIds;
}

export function createApolloClient({ uri, clientAwareness, persistedDocuments, ...credentials }: GatewayOptions): ApolloClient {
  return new ApolloClient({
    cache: createCache(),
    link: credentialsLink(credentials).concat(withPersistedDocuments(persistedDocuments, new HttpLink({ uri }))),
    clientAwareness,
  });
}
