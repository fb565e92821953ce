import { GatewayError } from '../errors';
import type { UpstreamName } from '../errors';

// An ISO 8601 date-time that ends in Z or a numeric offset.
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses a vendor timestamp. Vendors document their times as UTC but some (ACC's examples)
 * send them without a zone designator, so a zone-less value is read as UTC, never local time.
 */
export function parseVendorInstant(upstream: UpstreamName, value: string): Date {
  const instant = new Date(HAS_ZONE.test(value) ? value : `${value}Z`);
  if (Number.isNaN(instant.getTime())) {
    throw new GatewayError('UPSTREAM_BAD_RESPONSE', `The ${upstream} API sent a timestamp that is not ISO 8601.`, { upstream });
  }
  return instant;
}
