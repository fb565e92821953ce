import { GatewayError } from '../../errors';
import { ACC_MEDIA_SOURCES, ACC_MEDIA_TYPES } from '../../upstream/acc/model';
import type { AccAssetUrls, AccMediaType, AccPhoto } from '../../upstream/acc/model';
import { AccProjectRef, DeletedAccPhoto } from '../../upstream/acc/refs';
import { signedUrlExpiry } from '../../upstream/acc/signedUrl';
import { parseVendorInstant } from '../../upstream/time';
import type { PhotoSource } from '../../generated/resolvers';

/** Where ACC's photo fields become the schema's: the one place that knows both. */

export function isAccPhoto(value: unknown): value is AccPhoto {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof AccProjectRef) &&
    !(value instanceof DeletedAccPhoto) &&
    typeof (value as AccPhoto).mediaType === 'string' &&
    typeof (value as AccPhoto).projectId === 'string'
  );
}

export function mediaTypeOf(photo: AccPhoto): AccMediaType {
  if ((ACC_MEDIA_TYPES as readonly string[]).includes(photo.mediaType)) return photo.mediaType as AccMediaType;
  throw new GatewayError('UPSTREAM_BAD_RESPONSE', `The acc API sent an undocumented mediaType.`, { upstream: 'acc' });
}

/** ACC writes `FIELD-REPORT`; GraphQL enum values cannot hold a hyphen. */
export function sourceOf(photo: AccPhoto): PhotoSource | null {
  const known = (ACC_MEDIA_SOURCES as readonly string[]).includes(photo.type ?? '');
  return known ? (photo.type!.replace('-', '_') as PhotoSource) : null;
}

/** A resolver for a vendor timestamp field: zone-less ACC times are UTC. */
export const instantField =
  (pick: (photo: AccPhoto) => string | null | undefined) =>
  (photo: AccPhoto): Date | null => {
    const value = pick(photo);
    return value ? parseVendorInstant('acc', value) : null;
  };

export function locationOf(photo: AccPhoto): { latitude: number; longitude: number } | null {
  return photo.latitude != null && photo.longitude != null
    ? { latitude: photo.latitude, longitude: photo.longitude }
    : null;
}

/** The earlier of the two signatures' expiries: after it, at least one URL is dead. */
export function signedUrlsExpiry(urls: AccAssetUrls): Date | null {
  const expiries = [signedUrlExpiry(urls.fileUrl), signedUrlExpiry(urls.thumbnailUrl)].filter(
    (expiry): expiry is Date => expiry !== null,
  );
  return expiries.length ? new Date(Math.min(...expiries.map(Number))) : null;
}
