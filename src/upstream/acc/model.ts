/**
 * Autodesk Construction Cloud Photos API: the vendor's wire model, exactly as documented in
 * upstream-docs/acc-photos-get.txt and acc-photos-filter.txt. Every ACC field name lives here;
 * the client parses responses with these schemas and the simulator produces values of these types.
 */
import { z } from 'zod';
import { vendorPath } from '../http/path';

export const ACC_MEDIA_TYPES = ['NORMAL', 'INFRARED', 'PHOTOSPHERE', 'VIDEO'] as const;
export type AccMediaType = (typeof ACC_MEDIA_TYPES)[number];

/** The type of object a media was initially added with. */
export const ACC_MEDIA_SOURCES = [
  'FIELD-REPORT',
  'FORM',
  'ISSUE',
  'RFI',
  'MARKUP',
  'ASSET',
  'GALLERY',
  'MEETING',
  'SUBMITTAL',
  'LOGO',
] as const;
export type AccMediaSource = (typeof ACC_MEDIA_SOURCES)[number];

export const ACC_SORT_FIELDS = ['createdAt', 'takenAt'] as const;
export type AccSortField = (typeof ACC_SORT_FIELDS)[number];
export type AccSortDirection = 'asc' | 'desc';

/** The largest `limit` photos:filter accepts; 25 when none is sent. */
export const ACC_MAX_PAGE_SIZE = 50;
export const ACC_DEFAULT_PAGE_SIZE = 25;

const assetUrls = z.object({
  fileUrl: z.string(),
  thumbnailUrl: z.string(),
});
export type AccAssetUrls = z.infer<typeof assetUrls>;

// Optional fields are `.nullish()`: the vendor omits or nulls what a media does not have.
export const accPhotoSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  createdAt: z.string().nullish(),
  createdBy: z.string().nullish(),
  deletedAt: z.string().nullish(),
  deletedBy: z.string().nullish(),
  description: z.string().nullish(),
  isPublic: z.boolean().nullish(),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
  locked: z.boolean().nullish(),
  mediaType: z.string(),
  signedUrls: assetUrls.nullish(),
  size: z.number().nullish(),
  takenAt: z.string().nullish(),
  title: z.string().nullish(),
  type: z.string().nullish(),
  updatedAt: z.string().nullish(),
  updatedBy: z.string().nullish(),
  urls: assetUrls.nullish(),
  userCreatedAt: z.string().nullish(),
});
export type AccPhoto = z.infer<typeof accPhotoSchema>;

/** The part of a photos:filter body that selects and orders media. */
export interface AccPhotoFilter {
  id?: string[];
  createdAt?: string;
  takenAt?: string;
  createdBy?: string[];
  mediaType?: AccMediaType[];
  title?: string;
}

/** A photos:filter request body. With `cursorState`, the vendor ignores every other field. */
export interface AccFilterRequest {
  cursorState?: string;
  filter?: AccPhotoFilter;
  include?: ['signedUrls'];
  limit?: number;
  sort?: [AccSortField, AccSortDirection];
}

export const accFilterResponseSchema = z.object({
  pagination: z
    .object({
      limit: z.number().nullish(),
      // A nextPost without a cursorState value is one of the doc's two end signals, not a fault.
      nextPost: z
        .object({
          url: z.string().nullish(),
          body: z.object({ cursorState: z.string().nullish() }).nullish(),
        })
        .nullish(),
    })
    .nullish(),
  results: z.array(accPhotoSchema),
});
export type AccFilterResponse = z.infer<typeof accFilterResponseSchema>;

/**
 * The cursorState that continues a photos:filter walk, or null when the list is finished. The
 * doc names two end signals, "the response contains no nextPost" and "a paginated response
 * contains no cursorState value": either one ends it (an empty string is no value either).
 */
export function nextCursorState(response: AccFilterResponse): string | null {
  return response.pagination?.nextPost?.body?.cursorState || null;
}

/**
 * A media a user deleted. GET answers 410 for it, but photos:filter returns "all specified
 * media", and its doc's example result is one with deletedAt and deletedBy.
 */
export const isDeletedAccPhoto = (photo: AccPhoto): boolean => Boolean(photo.deletedAt);

export const accPaths = {
  photo: (projectId: string, photoId: string) =>
    vendorPath`/construction/photos/v1/projects/${projectId}/photos/${photoId}`,
  filter: (projectId: string) => vendorPath`/construction/photos/v1/projects/${projectId}/photos:filter`,
};
