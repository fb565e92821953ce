import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import type { ClientOptions } from 'graphql-ws';
import type { GatewayOptions } from './apolloClient';
import { createCache } from './cache';
import { credentialHeaders, credentialsLink } from './credentials';
import { withPersistedDocuments } from './persistedDocuments';

/**
 * Subscriptions over the gateway's WebSocket (graphql-ws), everything else over HTTP: the
 * gateway runs only subscriptions on its WebSocket. The credentials go in `connection_init`'s
 * payload (a browser cannot set headers on a WebSocket), made afresh for every connection, so a
 * reconnect sends the access token as it is then.
 * `webSocketImpl` is for Node (the `ws` package); a browser has its own WebSocket.
 */
export function createSubscriptionClient({ uri, persistedDocuments, ...credentials }: GatewayOptions, webSocketImpl?: ClientOptions['webSocketImpl']): ApolloClient {
  const connectionParams = () => credentialHeaders(credentials);
  const ws = new GraphQLWsLink(createClient({ url: uri.replace(/^http/, 'ws'), connectionParams, webSocketImpl }));
  const http = credentialsLink(credentials).concat(new HttpLink({ uri }));
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    ws,
    http,
  );
  // Ids for both transports; GraphQLWsLink sends the text beside the id, and the gateway runs its own.
  return new ApolloClient({ cache: createCache(), link: withPersistedDocuments(persistedDocuments, link) });
}
