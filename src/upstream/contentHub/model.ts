/**
 * Sitecore Content Hub's download orders API (upstream-docs/content-hub-download-orders.txt).
 * Every vendor field name lives here; the client parses answers with these schemas and the
 * simulator produces them.
 */
import { z } from 'zod';
import { vendorPath } from '../http/path';

/**
 * The header that carries the client ID. The doc says "an access token and the client ID. Both
 * are sent with every request" but names no header for the ID: this one is assumed.
 */
export const CONTENT_HUB_CLIENT_ID_HEADER = 'x-client-id';

/** Content Hub's Link: a reference to another resource. */
export const linkSchema = z.object({
  href: z.string(),
  title: z.string().nullish(),
  templated: z.boolean().nullish(),
  filename_properties: z.array(z.string()).nullish(),
});
export type ContentHubLink = z.infer<typeof linkSchema>;

export const downloadOrderSchema = z.object({
  order_id: z.number().int(),
  name: z.string().nullish(),
  target_count: z.number().int().nullish(),
  has_conversions: z.boolean().nullish(),
  created_by: linkSchema.nullish(),
  created_on: z.string().nullish(),
  modified_by: linkSchema.nullish(),
  /** Free text, e.g. "Completed". */
  status: z.string().nullish(),
  download_location: linkSchema.nullish(),
  additional_info: z.string().nullish(),
  external_job_reference: linkSchema.nullish(),
  targets: linkSchema.nullish(),
  culture: z.string().nullish(),
  self: linkSchema.nullish(),
});
export type DownloadOrderResource = z.infer<typeof downloadOrderSchema>;

export const downloadOrderTargetSchema = z.object({
  entity: linkSchema.nullish(),
  self: linkSchema.nullish(),
});
export type DownloadOrderTargetResource = z.infer<typeof downloadOrderTargetSchema>;

/** Content Hub's skip-paged collections: its own page size, totals and next/previous links. */
function collectionSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).nullish(),
    total_items: z.number().int().nullish(),
    returned_items: z.number().int().nullish(),
    offset: z.number().int().nullish(),
    next: linkSchema.nullish(),
    previous: linkSchema.nullish(),
  });
}
export const downloadOrderListSchema = collectionSchema(downloadOrderSchema);
export const downloadOrderTargetListSchema = collectionSchema(downloadOrderTargetSchema);
export type ContentHubCollection<T> = {
  items?: T[] | null;
  total_items?: number | null;
  returned_items?: number | null;
  offset?: number | null;
  next?: ContentHubLink | null;
  previous?: ContentHubLink | null;
};

export const contentHubPaths = {
  orders: () => vendorPath`/api/downloadorders`,
  order: (orderId: string) => vendorPath`/api/downloadorders/${orderId}`,
  targets: (orderId: string) => vendorPath`/api/downloadorders/${orderId}/targets`,
  target: (orderId: string, entityId: string) => vendorPath`/api/downloadorders/${orderId}/targets/${entityId}`,
};

/** What to download for one media group or one asset: renditions, conversions, presets. */
export interface DownloadConfiguration {
  renditions?: string[];
  conversions?: Array<Array<{ type: string; value: unknown }>>;
  user_rendition_configuration?: { label?: string; culture?: string; description?: string };
  presets?: string[];
}

/** The body of POST /api/downloadorders. */
export interface CreateDownloadOrderRequest {
  order: {
    zip_filename?: string;
    /** By asset media group id. */
    global?: Record<string, DownloadConfiguration>;
    /** By asset id, overriding its media group's configuration. */
    individual?: Record<string, DownloadConfiguration>;
  };
  target_selection?: { selectionPool: string; subPoolId?: number; definitionName?: string };
  item_name_resolver_id?: string;
  culture?: string;
  name?: string;
  download_order_type?: 'Standard' | 'Custom';
}
