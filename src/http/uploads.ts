import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Config } from '../config';
import { refuseRequest } from './errorBody';
import type { MultipartError } from './multipart/errors';
import { readMultipartBody } from './multipart/multipartBody';
import type { MultipartLimits } from './multipart/multipartBody';

/** Headers that a browser cannot send cross-site without a CORS preflight (Apollo's list). */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * GraphQL multipart requests (the GraphQL multipart request spec), as Express middleware. A
 * multipart POST is a CORS "simple request", so without a preflight header a hostile page could
 * make a browser send one with the user's cookies: such requests are refused here, before a byte
 * of the body is read. Then the multipart reader (./multipart) streams the files to the
 * resolvers (no disk, no buffering) with the size and count limits from the configuration;
 * a body it refuses before GraphQL can run is answered here.
 */
export function multipartUploads(config: Config): RequestHandler[] {
  const limits: MultipartLimits = {
    maxFileBytes: config.uploads.maxFileBytes,
    maxFiles: config.uploads.maxFiles,
    maxFieldBytes: config.limits.jsonBodyBytes,
  };
  const requirePreflight: RequestHandler = (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    if (PREFLIGHT_HEADERS.some((header) => req.headers[header])) return next();
    refuseRequest(res, 400, 'BAD_REQUEST', `Multipart requests need one of the headers ${PREFLIGHT_HEADERS.join(', ')} (CSRF prevention).`);
  };
  const readMultipart: RequestHandler = (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    readMultipartBody(req, res, limits).operations.then(
      (operations) => {
        req.body = operations;
        next();
      },
      (error: MultipartError) => error.send(res),
    );
  };
  return [requirePreflight, readMultipart];
}

/**
 * Errors raised before GraphQL runs (a JSON body too large or malformed) answer in the GraphQL
 * response shape with a stable code, never Express's HTML page.
 */
export const requestErrors: ErrorRequestHandler = (error: { status?: number; statusCode?: number; expose?: boolean; message?: string }, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = error.status ?? error.statusCode ?? 500;
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
  const message = status < 500 && error.message ? error.message : 'Internal server error';
  refuseRequest(res, status, code, message);
};
