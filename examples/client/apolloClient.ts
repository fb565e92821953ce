import { ApolloClient, HttpLink } from '@apollo/client';
import { createCache } from './cache';

export interface GatewayOptions {
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  uri: string;
  /** The user's Autodesk access token: ACC fields are read in the user's context. */
  accToken: string;
}

export function createApolloClient({ uri, accToken }: GatewayOptions): ApolloClient {
  return new ApolloClient({
    cache: createCache(),
    link: new HttpLink({ uri, headers: { 'x-acc-token': accToken } }),
  });
}
