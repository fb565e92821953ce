/**
 * The partner asset store (upstream-docs/partner-assets-api.txt): multipart uploads to
 * `upload/private` or `upload/public` answer a CompanyAsset; `GET /{assetKey}` answers the bytes.
 * Every vendor field name lives here; the client parses answers with these schemas and the
 * simulator produces them.
 */
import { z } from 'zod';
import { vendorPath } from '../http/path';

export const ASSET_VISIBILITIES = ['private', 'public'] as const;
export type AssetVisibility = (typeof ASSET_VISIBILITIES)[number];

/** Every CompanyAsset field is optional in the vendor's doc, `key` too. */
export const companyAssetSchema = z.object({
  id: z.string().nullish(),
  companyId: z.string().nullish(),
  /** Epoch milliseconds. */
  created: z.number().nullish(),
  modified: z.number().nullish(),
  deleted: z.boolean().nullish(),
  updated: z.boolean().nullish(),
  name: z.string().nullish(),
  key: z.string().nullish(),
  type: z.string().nullish(),
  publicURL: z.string().nullish(),
  active: z.boolean().nullish(),
  priority: z.number().nullish(),
  secured: z.boolean().nullish(),
  thumbURL: z.string().nullish(),
  mediumURL: z.string().nullish(),
  largeURL: z.string().nullish(),
  largeX2URL: z.string().nullish(),
  origURL: z.string().nullish(),
  platformFileUrl: z.string().nullish(),
});
export type CompanyAsset = z.infer<typeof companyAssetSchema>;

/** The multipart field names of an upload. */
export const ASSET_UPLOAD_FIELDS = { name: 'name', file: 'file' } as const;

export const assetPaths = {
  upload: (visibility: AssetVisibility) => vendorPath`/api/v1/partner/asset/upload/${visibility}`,
  content: (assetKey: string) => vendorPath`/api/v1/partner/asset/${assetKey}`,
};

/** The vendor says an asset's bytes are cacheable for 30 days. */
export const ASSET_CACHE_SECONDS = 30 * 24 * 3600;
