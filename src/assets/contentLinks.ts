import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ASSET_CONTENT_PATH = '/assets';

/**
 * Links to an asset's bytes on the gateway itself (`/assets/{key}/content`). A signed link is a
 * short-lived capability: whoever could read `Asset.contentUrl` through the API may fetch the
 * bytes with the gateway's own vendor credentials until it expires, without those credentials
 * ever reaching the browser. An unsigned link fetches as an anonymous client would, which the
 * vendor answers for public assets only.
 */
export class AssetContentLinks {
  private readonly secret: Buffer;

  constructor(
    secret: string | undefined,
    private readonly ttlSeconds: number,
  ) {
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  signedUrl(baseUrl: string, key: string, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + this.ttlSeconds;
    const params = new URLSearchParams({ expires: String(expires), signature: this.signature(key, expires) });
    return `${baseUrl}${ASSET_CONTENT_PATH}/${encodeURIComponent(key)}/content?${params}`;
  }

  /** `valid` for a signature of this key that has not expired; `absent` for an unsigned link. */
  check(key: string, expires: string | undefined, signature: string | undefined, now = Date.now()): 'valid' | 'invalid' | 'absent' {
    if (expires === undefined && signature === undefined) return 'absent';
    const expiresAt = Number(expires);
    if (!Number.isInteger(expiresAt) || expiresAt * 1000 < now || signature === undefined) return 'invalid';
    const expected = Buffer.from(this.signature(key, expiresAt));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
  }

  private signature(key: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${key}\n${expires}`).digest('base64url');
  }
}
