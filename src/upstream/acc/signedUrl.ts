const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * When an S3-style presigned URL stops working: X-Amz-Date (YYYYMMDDTHHMMSSZ) plus
 * X-Amz-Expires seconds. Null when the URL does not say.
 */
export function signedUrlExpiry(url: string): Date | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  const amzDate = params.get('X-Amz-Date') ?? '';
  const expiresInSeconds = Number(params.get('X-Amz-Expires') ?? NaN);
  if (!AMZ_DATE.test(amzDate) || !Number.isInteger(expiresInSeconds) || expiresInSeconds < 0) return null;
  const signedAt = Date.parse(amzDate.replace(AMZ_DATE, '$1-$2-$3T$4:$5:$6Z'));
  return new Date(signedAt + expiresInSeconds * 1000);
}
