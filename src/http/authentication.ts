import type { IncomingMessage, ServerResponse } from 'node:http';
import { identifyCaller } from '../access/callerIdentity';
import type { Authenticator } from '../auth/authenticator';
import { callerLogFields } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { refuseRequest } from './errorBody';

/**
 * Establishes each request's caller from its `Authorization` header before any body is read, so
 * a refused token never costs an upload's bytes. The caller is named on the request's log line
 * and handed to the GraphQL context or the asset route; a refused request is answered here
 * (undefined).
 */
export function authenticateRequests(authenticator: Authenticator) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<Caller | undefined> => {
    const identified = await identifyCaller(authenticator, req.headers.authorization);
    if ('caller' in identified) {
      Object.assign(req.logFields, callerLogFields(identified.caller));
      return identified.caller;
    }
    const { status, code, message, headers } = identified.refusal;
    // The request is answered before its body was read: close the connection rather than
    // read (or leave half-read) a body nobody will use.
    refuseRequest(res, status, code, message, { ...headers, connection: 'close' });
    return undefined;
  };
}
