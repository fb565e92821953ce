// Read straight from the query string: this runs for every photo of every page, and a full
// URL parse per URL showed up in the benchmark's CPU profile (docs/BENCHMARKS.md).
const AMZ_DATE = /[?&]X-Amz-Date=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:[&#]|$)/;
const AMZ_EXPIRES = /[?&]X-Amz-Expires=(\d{1,9})(?:[&#]|$)/;

/**
 * When an S3-style presigned URL stops working: X-Amz-Date (YYYYMMDDTHHMMSSZ) plus
 * X-Amz-Expires seconds. Null when the URL does not say.
 */
export function signedUrlExpiry(url: string): Date | null {
  const date = AMZ_DATE.exec(url);
  const expires = AMZ_EXPIRES.exec(url);
  if (!date || !expires) return null;
  const [, year, month, day, hour, minute, second] = date;
  const signedAt = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
  return Number.isNaN(signedAt) ? null : new Date(signedAt + Number(expires[1]) * 1000);
}
