import { GatewayError } from '../../errors';
import type { Resolvers, UserError } from '../../generated/resolvers';
import { isDownloadOrderImportable } from '../../imports/sources/downloadOrderSource';
import type { FetchedDownloadOrder } from '../../upstream/contentHub/client';
import type { DownloadOrderTargetResource } from '../../upstream/contentHub/model';
import { stateOf } from '../../upstream/contentHub/status';
import { parseVendorInstant } from '../../upstream/time';
import { toGlobalId } from '../relay/globalId';
import { toCreateRequest } from './createInput';
import { orderField, orderLastModified } from './orderFields';
import { skipPage } from './skipPaging';
import type { SkipPage } from './skipPaging';

export type DownloadOrderPage = SkipPage<FetchedDownloadOrder>;
export type DownloadOrderEdgeModel = DownloadOrderPage['edges'][number];
export type TargetPage = SkipPage<DownloadOrderTargetResource>;
export type TargetEdgeModel = TargetPage['edges'][number];
export interface DownloadOrderCreateResult {
  downloadOrder: FetchedDownloadOrder | null;
  userErrors: UserError[];
}

export const downloadOrderResolvers: Resolvers = {
  Query: {
    downloadOrder: (_root, { id }, { loaders }) => loaders.downloadOrder.load(id),
    downloadOrders: (_root, args, { upstreams, scope }) =>
      skipPage(
        async (skip) => {
          const page = await upstreams.contentHub.listOrders(scope, skip);
          // A list item is not the order's own answer: what it lacks is read by id (orderFields).
          return { ...page, items: page.items?.map((order): FetchedDownloadOrder => ({ order, lastModified: undefined })) };
        },
        args,
        'downloadOrders',
        upstreams.contentHub.listShapes,
      ),
  },

  Mutation: {
    downloadOrderCreate: async (_root, { input }, { upstreams, scope }) => {
      try {
        return { downloadOrder: await upstreams.contentHub.createOrder(scope, toCreateRequest(input)), userErrors: [] };
      } catch (error) {
        // What Content Hub refuses about the order itself is the client's to fix: data, not failure.
        if (error instanceof GatewayError && error.code === 'BAD_USER_INPUT' && error.details.upstream) {
          return { downloadOrder: null, userErrors: [{ field: ['input'], message: error.message, code: 'REJECTED_BY_VENDOR' }] };
        }
        throw error;
      }
    },
  },

  Subscription: {
    downloadOrderWatch: {
      // Resolves after the watcher's first read: a missing order is a NOT_FOUND answer, not a
      // broken stream.
      subscribe: (_root, { id }, { downloadOrderWatcher }) => downloadOrderWatcher.watch(id),
      resolve: (order: FetchedDownloadOrder) => order,
    },
  },

  DownloadOrder: {
    __isTypeOf: (value) => typeof value === 'object' && value !== null && 'order' in value && 'lastModified' in value,
    id: ({ order }) => toGlobalId('DownloadOrder', String(order.order_id)),
    orderId: ({ order }) => String(order.order_id),
    name: (model, _args, { loaders }) => orderField(model, 'name', loaders),
    status: async (model, _args, { loaders }) => stateOf(await orderField(model, 'status', loaders)),
    statusText: (model, _args, { loaders }) => orderField(model, 'status', loaders),
    targetCount: (model, _args, { loaders }) => orderField(model, 'target_count', loaders),
    hasConversions: (model, _args, { loaders }) => orderField(model, 'has_conversions', loaders),
    createdBy: (model, _args, { loaders }) => orderField(model, 'created_by', loaders),
    createdOn: async (model, _args, { loaders }) => {
      const createdOn = await orderField(model, 'created_on', loaders);
      return createdOn ? parseVendorInstant('contentHub', createdOn) : null;
    },
    modifiedBy: (model, _args, { loaders }) => orderField(model, 'modified_by', loaders),
    modifiedOn: (model, _args, { loaders }) => orderLastModified(model, loaders),
    downloadLocation: (model, _args, { loaders }) => orderField(model, 'download_location', loaders),
    importable: async (model, _args, { loaders, downloads }) => {
      const [status, location] = await Promise.all([orderField(model, 'status', loaders), orderField(model, 'download_location', loaders)]);
      return isDownloadOrderImportable({ status, download_location: location }, downloads);
    },
    additionalInfo: (model, _args, { loaders }) => orderField(model, 'additional_info', loaders),
    externalJobReference: (model, _args, { loaders }) => orderField(model, 'external_job_reference', loaders),
    culture: (model, _args, { loaders }) => orderField(model, 'culture', loaders),
    self: (model, _args, { loaders }) => orderField(model, 'self', loaders),
    targets: ({ order }, args, { upstreams, scope }) =>
      skipPage(
        (skip) => upstreams.contentHub.listTargets(scope, String(order.order_id), skip),
        args,
        `targets:${order.order_id}`,
        upstreams.contentHub.listShapes,
      ),
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
    totalCount: ({ totalCount }) => totalCount(),
  },
  DownloadOrderTargetConnection: {
    nodes: ({ edges }) => edges.map((edge) => edge.node),
    totalCount: ({ totalCount }) => totalCount(),
  },
};
