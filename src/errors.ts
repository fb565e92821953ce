/**
 * The one typed error every layer throws. Its `code` is the stable `extensions.code` clients
 * see (DESIGN.md section 5); the GraphQL layer turns it into a GraphQLError unchanged.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'GONE',
  'PAYLOAD_TOO_LARGE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_RATE_LIMITED',
  'UPSTREAM_BAD_RESPONSE',
  'SUBSCRIPTION_LIMIT_EXCEEDED',
  'UPSTREAM_CALL_LIMIT_EXCEEDED',
  'UPSTREAM_RESPONSE_BUDGET_EXCEEDED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type UpstreamName = 'acc' | 'materials' | 'assets' | 'contentHub';

export interface GatewayErrorDetails {
  /** Which vendor API the failure came from, when it came from one. */
  upstream?: UpstreamName;
  /** The vendor's HTTP status, when it answered. */
  upstreamStatus?: number;
  /** Seconds the vendor asked us to wait (Retry-After), for UPSTREAM_RATE_LIMITED. */
  retryAfterSeconds?: number;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  /** An idempotent call that failed this way may be tried once more (never shown to clients). */
  readonly retryable: boolean;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: GatewayErrorDetails = {},
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options);
    this.retryable = options?.retryable ?? false;
  }
}

export function badUserInput(message: string): GatewayError {
  return new GatewayError('BAD_USER_INPUT', message);
}
