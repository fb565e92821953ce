import { GatewayError } from '../../errors';
import type { ErrorCode, UpstreamName } from '../../errors';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  410: 'GONE',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'UPSTREAM_RATE_LIMITED',
};

/** Gateway errors and unavailability: a second try may well reach a healthy instance. */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

const MESSAGE_BY_CODE: Partial<Record<ErrorCode, string>> = {
  BAD_USER_INPUT: 'rejected the request as malformed',
  UNAUTHENTICATED: 'needs valid credentials',
  FORBIDDEN: 'refused the credentials for this resource',
  NOT_FOUND: 'has no such resource',
  GONE: 'says the resource was deleted',
  PAYLOAD_TOO_LARGE: 'refused the payload as too large',
  UPSTREAM_RATE_LIMITED: 'is rate limiting requests',
  UPSTREAM_UNAVAILABLE: 'is unavailable',
  UPSTREAM_BAD_RESPONSE: 'answered with an unexpected status',
};

/**
 * Maps a vendor's non-2xx status to the gateway's typed error. The vendor's body is never
 * copied into the message: it may echo request details, credentials among them.
 */
export function errorForStatus(
  upstream: UpstreamName,
  status: number,
  retryAfterHeader: string | undefined,
): GatewayError {
  const code: ErrorCode = CODE_BY_STATUS[status] ?? (status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE');
  const retryAfterSeconds = code === 'UPSTREAM_RATE_LIMITED' ? parseRetryAfter(retryAfterHeader) : undefined;
  return new GatewayError(
    code,
    `The ${upstream} API ${MESSAGE_BY_CODE[code]} (HTTP ${status}).`,
    { upstream, upstreamStatus: status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
    { retryable: RETRYABLE_STATUSES.has(status) },
  );
}

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
