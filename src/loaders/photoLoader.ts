import DataLoader from 'dataloader';
import { GatewayError } from '../errors';
import type { AccPhotosClient } from '../upstream/acc/client';
import type { AccPhoto } from '../upstream/acc/model';
import { ACC_MAX_PAGE_SIZE, accPaths, isDeletedAccPhoto } from '../upstream/acc/model';
import { DeletedAccPhoto } from '../upstream/acc/refs';
import type { UpstreamScope } from '../upstream/http/callLog';
import { asError } from './eachKey';
import type { LoaderOptions } from './loaderOptions';

export interface PhotoKey {
  projectId: string;
  photoId: string;
}

/** What looking up one photo finds; a photo that never existed rejects with NOT_FOUND. */
export type PhotoLookup = AccPhoto | DeletedAccPhoto;

export const photoCacheKey = ({ projectId, photoId }: PhotoKey): string => `${projectId}/${photoId}`;

/**
 * Photos by id, per request. All lookups of one tick become photos:filter calls with `filter.id`
 * lists of at most 50 ids per project. ACC's filter may leave out deleted media (or list them,
 * which makes them tombstones here), so the ids it does not return are asked for one by one, to
 * tell deleted (410) from missing (404). A single
 * id is asked for by GET straight away: one call either way, and ACC answers it without
 * running a filter, with the 410 or 404 in the same call.
 */
export function createPhotoLoader(
  client: AccPhotosClient,
  scope: UpstreamScope,
  requireToken: () => string,
  onBatch: (size: number) => void,
  options: LoaderOptions = {},
): DataLoader<PhotoKey, PhotoLookup, string> {
  return new DataLoader<PhotoKey, PhotoLookup, string>(
    async (keys) => {
      onBatch(keys.length);
      const token = requireToken();
      const results = new Map<string, PhotoLookup | Error>();
      // A key no vendor path can carry (an id like `..`) fails alone and never reaches a filter.
      const askable = keys.filter((key) => {
        const refusal = unaskable(key);
        if (refusal) results.set(photoCacheKey(key), refusal);
        return !refusal;
      });

      const loadChunk = async (projectId: string, photoIds: string[]): Promise<void> => {
        if (photoIds.length === 1) {
          results.set(photoCacheKey({ projectId, photoId: photoIds[0]! }), await lookupOne(projectId, photoIds[0]!));
          return;
        }
        try {
          const page = await client.filterPhotos(scope, token, projectId, {
            filter: { id: photoIds },
            include: ['signedUrls'],
            limit: ACC_MAX_PAGE_SIZE,
          });
          for (const photo of page.results) {
            // A deleted media is a tombstone however it reached us, so both paths agree.
            const lookup = isDeletedAccPhoto(photo) ? new DeletedAccPhoto(projectId, photo.id) : photo;
            results.set(photoCacheKey({ projectId, photoId: photo.id }), lookup);
          }
          const absent = photoIds.filter((photoId) => !results.has(photoCacheKey({ projectId, photoId })));
          await Promise.all(
            absent.map(async (photoId) => {
              results.set(photoCacheKey({ projectId, photoId }), await lookupOne(projectId, photoId));
            }),
          );
        } catch (error) {
          for (const photoId of photoIds) results.set(photoCacheKey({ projectId, photoId }), asError(error));
        }
      };

      const lookupOne = async (projectId: string, photoId: string): Promise<PhotoLookup | Error> => {
        try {
          return await client.getPhoto(scope, token, projectId, photoId);
        } catch (error) {
          if (error instanceof GatewayError && error.code === 'GONE') return new DeletedAccPhoto(projectId, photoId);
          return asError(error);
        }
      };

      await Promise.all(
        [...groupByProject(askable)].flatMap(([projectId, photoIds]) =>
          chunk(photoIds, ACC_MAX_PAGE_SIZE).map((ids) => loadChunk(projectId, ids)),
        ),
      );
      return keys.map((key) => results.get(photoCacheKey(key)) ?? new Error(`No result for photo ${key.photoId}.`));
    },
    { ...options, cacheKeyFn: photoCacheKey },
  );
}

function groupByProject(keys: readonly PhotoKey[]): Map<string, string[]> {
  const byProject = new Map<string, string[]>();
  for (const { projectId, photoId } of keys) {
    const ids = byProject.get(projectId) ?? [];
    ids.push(photoId);
    byProject.set(projectId, ids);
  }
  return byProject;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Why a key's own GET could not even be built, if it could not: then no call may carry it. */
function unaskable({ projectId, photoId }: PhotoKey): Error | undefined {
  try {
    accPaths.photo(projectId, photoId);
    return undefined;
  } catch (error) {
    return asError(error);
  }
}
