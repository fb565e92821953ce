import type { DownloadOrderStatus, Resolvers } from '../../generated/resolvers';
import type { FetchedDownloadOrder } from '../../upstream/contentHub/client';
import type { DownloadOrderTargetResource } from '../../upstream/contentHub/model';
import { parseVendorInstant } from '../../upstream/time';
import { toGlobalId } from '../relay/globalId';
import { skipPage } from './skipPaging';
import type { SkipPage } from './skipPaging';

export type DownloadOrderPage = SkipPage<FetchedDownloadOrder>;
export type DownloadOrderEdgeModel = DownloadOrderPage['edges'][number];
export type TargetPage = SkipPage<DownloadOrderTargetResource>;
export type TargetEdgeModel = TargetPage['edges'][number];

/** Content Hub's statuses are free text ("InProgress", "In progress", "Canceled"…). */
const STATUS_BY_WORDS: Record<string, DownloadOrderStatus> = {
  created: 'CREATED',
  pending: 'PENDING',
  inprogress: 'IN_PROGRESS',
  processing: 'IN_PROGRESS',
  completed: 'COMPLETED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
  canceled: 'CANCELLED',
  archived: 'ARCHIVED',
};

export function statusOf(text: string | null | undefined): DownloadOrderStatus {
  return STATUS_BY_WORDS[(text ?? '').toLowerCase().replace(/[^a-z]/g, '')] ?? 'UNKNOWN';
}

export const downloadOrderResolvers: Resolvers = {
  Query: {
    downloadOrder: (_root, { id }, { loaders }) => loaders.downloadOrder.load(id),
    downloadOrders: (_root, args, { upstreams, scope }) =>
      skipPage(
        async (source) => {
          const page = await upstreams.contentHub.listOrders(scope, source);
          return { ...page, items: page.items?.map((order) => ({ order, lastModified: null })) };
        },
        args,
        'downloadOrders',
      ),
  },

  DownloadOrder: {
    __isTypeOf: (value) => typeof value === 'object' && value !== null && 'order' in value && 'lastModified' in value,
    id: ({ order }) => toGlobalId('DownloadOrder', String(order.order_id)),
    orderId: ({ order }) => String(order.order_id),
    name: ({ order }) => order.name ?? null,
    status: ({ order }) => statusOf(order.status),
    statusText: ({ order }) => order.status ?? null,
    targetCount: ({ order }) => order.target_count ?? null,
    hasConversions: ({ order }) => order.has_conversions ?? null,
    createdBy: ({ order }) => order.created_by ?? null,
    createdOn: ({ order }) => (order.created_on ? parseVendorInstant('contentHub', order.created_on) : null),
    modifiedBy: ({ order }) => order.modified_by ?? null,
    modifiedOn: ({ lastModified }) => lastModified,
    downloadLocation: ({ order }) => order.download_location ?? null,
    additionalInfo: ({ order }) => order.additional_info ?? null,
    externalJobReference: ({ order }) => order.external_job_reference ?? null,
    culture: ({ order }) => order.culture ?? null,
    self: ({ order }) => order.self ?? null,
    targets: ({ order }, args, { upstreams, scope }) =>
      skipPage((source) => upstreams.contentHub.listTargets(scope, String(order.order_id), source), args, `targets:${order.order_id}`),
    target: ({ order }, { entityId }, { upstreams, scope }) => upstreams.contentHub.getTarget(scope, String(order.order_id), entityId),
  },

  DownloadOrderTarget: {
    entityId: (target) => target.entity?.href.match(/\/(\d+)\/?$/)?.[1] ?? null,
  },

  Link: {
    templated: (link) => link.templated ?? false,
    filenameProperties: (link) => link.filename_properties ?? [],
  },

  DownloadOrderConnection: {
    nodes: ({ edges }) => edges.map((edge) => edge.node),
  },
  DownloadOrderTargetConnection: {
    nodes: ({ edges }) => edges.map((edge) => edge.node),
  },
};
