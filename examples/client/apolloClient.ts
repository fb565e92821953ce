import { ApolloClient, HttpLink } from '@apollo/client';
import { createCache } from './cache';
import { credentialsLink } from './credentials';
import type { Credentials } from './credentials';

export interface GatewayOptions extends Credentials {
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  uri: string;
}

export function createApolloClient({ uri, ...credentials }: GatewayOptions): ApolloClient {
  return new ApolloClient({
    cache: createCache(),
    link: credentialsLink(credentials).concat(new HttpLink({ uri })),
  });
}
