import { ApolloClient } from '@apollo/client';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import type { GatewayOptions } from './apolloClient';
import { createCache } from './cache';
import { credentialsLink } from './credentials';
import { withPersistedDocuments } from './persistedDocuments';

/**
 * A client whose link sends operations with files in their variables (File or Blob) as GraphQL
 * multipart requests, and all others as plain JSON POSTs: it replaces HttpLink.
 */
export function createUploadClient({ uri, persistedDocuments, ...credentials }: GatewayOptions): ApolloClient {
  return new ApolloClient({
    cache: createCache(),
    link: credentialsLink(credentials).concat(
      withPersistedDocuments(
        persistedDocuments,
        new UploadHttpLink({
          uri,
          // The gateway refuses multipart requests without this header (CSRF prevention).
          headers: { 'apollo-require-preflight': 'true' },
        }),
      ),
    ),
  });
}
