import type { ServerResponse } from 'node:http';
import { GatewayError } from '../../errors';
import { refuseRequest, requestErrorBody } from '../errorBody';

/**
 * A multipart body the gateway refuses: a client mistake, so always a 4xx with a stable code
 * (400 BAD_REQUEST for a malformed body, 413 PAYLOAD_TOO_LARGE for one over a limit).
 */
export class MultipartError extends Error {
  override readonly name = 'MultipartError';

  private constructor(
    readonly status: 400 | 413,
    readonly code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE',
    message: string,
  ) {
    super(message);
  }

  static malformed(message: string): MultipartError {
    return new MultipartError(400, 'BAD_REQUEST', message);
  }

  static tooLarge(message: string): MultipartError {
    return new MultipartError(413, 'PAYLOAD_TOO_LARGE', message);
  }

  /**
   * What a resolver reading one of the request's files sees. A GatewayError, so the vendor
   * upload it aborts counts as the client's fault, never as the vendor's (no breaker, no retry).
   */
  forReader(): GatewayError {
    return new GatewayError(this.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT', this.message);
  }

  responseBody() {
    return requestErrorBody(this.code, this.message);
  }

  /** Answers the request with this error on a plain node response. */
  send(res: ServerResponse): void {
    if (!res.headersSent) refuseRequest(res, this.status, this.code, this.message);
  }
}
