import type { ApolloLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';

/** Who the frontend calls as. */
export interface Credentials {
  /**
   * The caller's OAuth access token for the gateway (a JWT from your identity provider). It is
   * asked for before every request, so a token your OIDC library has refreshed is used at once.
   */
  getAccessToken: () => string | Promise<string>;
  /** The user's Autodesk access token: ACC fields are read in the user's context. */
  accToken: string;
}

/**
 * The headers every request carries: `Authorization: Bearer …` for the gateway, `x-acc-token`
 * for ACC. Over graphql-ws the same object is the `connection_init` payload.
 */
export async function credentialHeaders({ getAccessToken, accToken }: Credentials): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await getAccessToken()}`, 'x-acc-token': accToken };
}

/** Sets the credential headers on each operation, in front of the link that sends it. */
export function credentialsLink(credentials: Credentials): ApolloLink {
  return new SetContextLink(async ({ headers }) => ({ headers: { ...headers, ...(await credentialHeaders(credentials)) } }));
}
