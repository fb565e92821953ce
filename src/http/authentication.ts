import type { NextFunction, Request, Response } from 'express';
import { identifyCaller } from '../access/callerIdentity';
import type { Authenticator } from '../auth/authenticator';
import { callerLogFields } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { refuseRequest } from './errorBody';

/**
 * Establishes each request's caller from its `Authorization` header before any body is read, so
 * a refused token never costs an upload's bytes. The caller waits in `res.locals` for the
 * GraphQL context or the asset route, and is named on the request's log line.
 */
export function authenticateRequests(authenticator: Authenticator) {
  return (req: Request, res: Response, next: NextFunction): void => {
    identifyCaller(authenticator, req.headers.authorization).then((identified) => {
      if ('caller' in identified) {
        res.locals.caller = identified.caller;
        Object.assign(req.logFields, callerLogFields(identified.caller));
        return next();
      }
      const { status, code, message, headers } = identified.refusal;
      // The request is answered before its body was read: close the connection rather than
      // read (or leave half-read) a body nobody will use.
      refuseRequest(res, status, code, message, { ...headers, connection: 'close' });
    }, next);
  };
}

/** The caller `authenticateRequests` established for this request. */
export function callerOf(res: Response): Caller {
  return res.locals.caller as Caller;
}
