import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import { refuseRequest } from './errorBody';
import type { MultipartError } from './multipart/errors';
import { readMultipartBody } from './multipart/multipartBody';
import type { MultipartLimits } from './multipart/multipartBody';
import type { Operations } from './multipart/operationsMap';

/** Headers that a browser cannot send cross-site without a CORS preflight (Apollo's list). */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * GraphQL multipart requests (the GraphQL multipart request spec). A multipart POST is a CORS
 * "simple request", so without a preflight header a hostile page could make a browser send one
 * with the user's cookies: such requests are refused here, before a byte of the body is read.
 * Then the multipart reader (./multipart) streams the files to the resolvers (no disk, no
 * buffering) with the size and count limits from the configuration; a body it refuses before
 * GraphQL can run is answered here (undefined).
 */
export function multipartUploads(config: Config) {
  const limits: MultipartLimits = {
    maxFileBytes: config.uploads.maxFileBytes,
    maxFiles: config.uploads.maxFiles,
    maxFieldBytes: config.limits.jsonBodyBytes,
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<Operations | undefined> => {
    if (!PREFLIGHT_HEADERS.some((header) => req.headers[header])) {
      refuseRequest(res, 400, 'BAD_REQUEST', `Multipart requests need one of the headers ${PREFLIGHT_HEADERS.join(', ')} (CSRF prevention).`);
      return undefined;
    }
    return readMultipartBody(req, res, limits).operations.catch((error: MultipartError) => {
      error.send(res);
      return undefined;
    });
  };
}
