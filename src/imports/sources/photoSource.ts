import { GatewayError, badUserInput } from '../../errors';
import type { GraphQLContext } from '../../graphql/context';
import { fromGlobalId } from '../../graphql/relay/globalId';
import type { AccPhoto } from '../../upstream/acc/model';
import { signedUrlExpiry } from '../../upstream/acc/signedUrl';
import { UpstreamCallLog } from '../../upstream/http/callLog';
import type { ImportableFile } from '../importableFile';
import type { VendorDownloads } from '../vendorDownloads';
import { filenameFromDisposition, withExtensionFor } from './fileNames';
import { assertMayReadSource } from './sourceAccess';
import { vendorFile } from './vendorFile';

/**
 * An ACC photo or video by its global id: fetched again now, with `include=signedUrls` and the
 * caller's ACC token, for a fresh signed URL (they live a minute). ACC's 404 and 410 come back
 * as NOT_FOUND and GONE; no ACC token is UNAUTHENTICATED, as for the photo fields.
 */
export async function resolvePhotoSource(photoId: string, context: GraphQLContext): Promise<ImportableFile> {
  const id = fromGlobalId(photoId);
  if (id.type !== 'Photo') throw badUserInput(`"${photoId.slice(0, 64)}" is not the ID of a Photo.`);
  assertMayReadSource('Photo', context.caller);
  const [projectId, accPhotoId] = id.keys as [string, string];
  const token = context.accToken.require();
  const photo = await context.upstreams.acc.getPhoto(context.scope, token, projectId, accPhotoId);
  const fileOf = (fresh: AccPhoto) => {
    const fileUrl = fresh.signedUrls?.fileUrl;
    if (!fileUrl) throw new GatewayError('UPSTREAM_BAD_RESPONSE', 'The acc API sent the photo without the signed URL asked for.', { upstream: 'acc' });
    return { file: vendorFile({ upstream: 'acc', url: fileUrl, ...fileFacts(fresh, fileUrl), size: fresh.size ?? null }, context), fileUrl };
  };
  const { file, fileUrl } = fileOf(photo);
  const { acc } = context.upstreams;
  return {
    ...file,
    // A queued import may start after its signed URL stopped working (they live a minute): it
    // then asks ACC for a fresh one, with the same caller's token, in the job's own scope.
    open: async (signal) => {
      const expiry = signedUrlExpiry(fileUrl);
      if (!expiry || expiry.getTime() - Date.now() > SIGNED_URL_MARGIN_MS) return file.open(signal);
      const fresh = await acc.getPhoto({ signal, calls: new UpstreamCallLog(), log: context.log }, token, projectId, accPhotoId);
      return fileOf(fresh).file.open(signal);
    },
  };
}

/** A signed URL with less time left than this is fetched again before its download starts. */
const SIGNED_URL_MARGIN_MS = 10_000;

/**
 * Name and type as the signed URL will serve them (S3's response-content-disposition and
 * response-content-type), else from the media: its id, and JPEG or MP4 by its media type.
 */
function fileFacts(photo: AccPhoto, fileUrl: string): { filename: string; contentType: string } {
  const params = signedUrlParams(fileUrl);
  const contentType = params.get('response-content-type') || (photo.mediaType === 'VIDEO' ? 'video/mp4' : 'image/jpeg');
  const disposition = params.get('response-content-disposition');
  const filename = (disposition && filenameFromDisposition(disposition)) || withExtensionFor(photo.id, contentType);
  return { filename, contentType };
}

function signedUrlParams(url: string): URLSearchParams {
  try {
    return new URL(url).searchParams;
  } catch {
    return new URLSearchParams();
  }
}

/** `Photo.importable`: ACC returned a signed file URL for it, on a trusted origin. */
export function isPhotoImportable(photo: AccPhoto, downloads: VendorDownloads): boolean {
  const fileUrl = photo.signedUrls?.fileUrl;
  return fileUrl !== undefined && downloads.trusts(fileUrl);
}
