/** The headers Apollo Client sends when `clientAwareness` is set (and Apollo Router reads). */
export const CLIENT_NAME_HEADER = 'apollographql-client-name';
export const CLIENT_VERSION_HEADER = 'apollographql-client-version';

/** A value is kept only when short and plain, so a client cannot forge log structure or labels. */
const SANE_VALUE = /^[\w.:+@/ -]{1,64}$/;

/** Which app sent an operation, as its headers say; absent or unreadable values are undefined. */
export interface ClientIdentity {
  name?: string;
  version?: string;
}

/** `headers`: Apollo's HeaderMap, or anything that reads a header by its lower-case name. */
export function clientIdentityOf(headers: Pick<Map<string, string>, 'get'> | undefined): ClientIdentity {
  return { name: saneValue(headers?.get(CLIENT_NAME_HEADER)), version: saneValue(headers?.get(CLIENT_VERSION_HEADER)) };
}

function saneValue(value: string | undefined): string | undefined {
  return value !== undefined && SANE_VALUE.test(value) ? value : undefined;
}
