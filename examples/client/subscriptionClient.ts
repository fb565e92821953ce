import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import type { ClientOptions } from 'graphql-ws';
import { createCache } from './cache';
import type { GatewayOptions } from './apolloClient';

/**
 * Subscriptions over the gateway's WebSocket (graphql-ws), everything else over HTTP: the
 * gateway runs only subscriptions on its WebSocket. `webSocketImpl` is for Node (the `ws`
 * package); a browser has its own WebSocket.
 */
export function createSubscriptionClient({ uri, accToken }: GatewayOptions, webSocketImpl?: ClientOptions['webSocketImpl']): ApolloClient {
  const ws = new GraphQLWsLink(createClient({ url: uri.replace(/^http/, 'ws'), connectionParams: { 'x-acc-token': accToken }, webSocketImpl }));
  const http = new HttpLink({ uri, headers: { 'x-acc-token': accToken } });
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    ws,
    http,
  );
  return new ApolloClient({ cache: createCache(), link });
}
