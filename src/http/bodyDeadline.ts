import type { RequestHandler } from 'express';
import { refuseRequest } from './errorBody';

/**
 * A deadline for receiving a JSON request body. node:http's requestTimeout must be long enough
 * for a large upload, so a JSON body (at most the body limit, a second's work on any real link)
 * trickled in a byte at a time would hold its socket for all of it: here it gets `timeoutMs`,
 * then 408 and the connection closed. Multipart requests keep requestTimeout.
 */
export function jsonBodyDeadline(timeoutMs: number): RequestHandler {
  return (req, res, next) => {
    if (req.complete || req.is('multipart/form-data')) return next();
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      refuseRequest(res, 408, 'REQUEST_TIMEOUT', `The request body did not arrive within ${timeoutMs} ms.`, { connection: 'close' });
      // The body parser waits for bytes that may never come: the socket goes with the answer.
      res.once('finish', () => req.socket.destroy());
    }, timeoutMs);
    const stop = () => clearTimeout(timer);
    req.once('end', stop);
    req.once('close', stop);
    next();
  };
}
