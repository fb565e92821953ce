import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GatewayError } from '../../errors';
import type { DownloadCredentials } from '../../imports/vendorDownloads';
import type { UpstreamScope } from '../http/callLog';
import { RevalidationCache } from '../http/revalidationCache';
import { ServiceTokenClient } from '../http/serviceTokenClient';
import { ListShapes } from './listShapes';
import type { UpstreamHttp } from '../http/upstreamHttp';
import {
  CONTENT_HUB_CLIENT_ID_HEADER,
  contentHubPaths,
  downloadOrderListSchema,
  downloadOrderSchema,
  downloadOrderTargetListSchema,
  downloadOrderTargetSchema,
} from './model';
import type {
  ContentHubCollection,
  CreateDownloadOrderRequest,
  DownloadOrderResource,
  DownloadOrderTargetResource,
} from './model';

/**
 * An order with when it last changed (its Last-Modified), which its body does not carry.
 * `lastModified` is undefined when the answer is not the order's own: a list item (which may
 * also lack fields), or a creation answered without the header. What such an answer lacks is
 * read by id (src/graphql/downloadOrders/orderFields.ts).
 */
export interface FetchedDownloadOrder {
  order: DownloadOrderResource;
  lastModified: Date | null | undefined;
}

/** The gateway's Content Hub credentials: "an access token and the client ID". */
export interface ContentHubCredentials {
  token: string;
  /** Unset: no client ID is sent. */
  clientId?: string;
}

/** Content Hub's download orders, called with the gateway's own token and client ID. */
export class ContentHubClient extends ServiceTokenClient {
  /** What paging learnt of each collection, so later pages are read in one round. */
  readonly listShapes = new ListShapes();

  private readonly orders: RevalidationCache<DownloadOrderResource>;
  private readonly clientId: string | undefined;

  constructor(http: UpstreamHttp, credentials: ContentHubCredentials, cache: KeyValueCache<string>) {
    super(http, credentials.token);
    this.clientId = credentials.clientId;
    this.orders = new RevalidationCache(cache, 'contentHub:order', downloadOrderSchema);
  }

  /** "Both are sent with every request"; the doc names no header for the client ID (see the model). */
  protected override authorization(): Record<string, string> {
    return { ...super.authorization(), ...(this.clientId ? { [CONTENT_HUB_CLIENT_ID_HEADER]: this.clientId } : {}) };
  }

  /** What a download on Content Hub's own origin (an order's ZIP) needs, as every request there does. */
  downloadCredentials(): DownloadCredentials {
    return { origin: this.http.origin, headers: this.authorization() };
  }

  /**
   * One order. An order fetched before is revalidated with If-Modified-Since: unchanged, it
   * costs a 304 and no body. (The vendor's doc words the 304 case the other way round; this
   * follows HTTP, RFC 9110 section 13.1.3.) The entry may come from another replica, through
   * a shared Redis.
   */
  async getOrder(scope: UpstreamScope, orderId: string): Promise<FetchedDownloadOrder> {
    const target = contentHubPaths.order(orderId);
    const cacheKey = this.orders.key(this.token, this.http.urlOf(target.path));
    const cached = await this.orders.get(cacheKey);
    const response = await this.http.requestJsonResponse({
      method: 'GET',
      ...target,
      headers: { ...this.authorization(), ...(cached ? { 'if-modified-since': cached.lastModified } : {}) },
      schema: downloadOrderSchema,
      scope,
    });
    if (response.status === 304 && cached) return { order: cached.value, lastModified: httpDate(cached.lastModified) };
    if (!response.data) throw new GatewayError('UPSTREAM_BAD_RESPONSE', 'The contentHub API answered 304 to an unconditional request.', { upstream: 'contentHub' });
    const lastModified = header(response.headers['last-modified']);
    await this.orders.set(cacheKey, lastModified, response.data);
    return { order: response.data, lastModified: httpDate(lastModified) };
  }

  /** Creates an order. Never retried: a second attempt would make a second order. */
  async createOrder(scope: UpstreamScope, request: CreateDownloadOrderRequest): Promise<FetchedDownloadOrder> {
    const response = await this.http.requestJsonResponse({
      method: 'POST',
      ...contentHubPaths.orders(),
      headers: { ...this.authorization(), 'content-type': 'application/json-patch+json' },
      body: { json: request },
      schema: downloadOrderSchema,
      scope,
    });
    const lastModified = header(response.headers['last-modified']);
    return { order: response.data!, lastModified: lastModified === undefined ? undefined : httpDate(lastModified) };
  }

  /** A page of the orders, from offset `skip` (Content Hub picks the page size). */
  listOrders(scope: UpstreamScope, skip: number): Promise<ContentHubCollection<DownloadOrderResource>> {
    return this.http.requestJson({ method: 'GET', ...contentHubPaths.orders(), query: { skip: String(skip) }, headers: this.authorization(), schema: downloadOrderListSchema, scope });
  }

  listTargets(scope: UpstreamScope, orderId: string, skip: number): Promise<ContentHubCollection<DownloadOrderTargetResource>> {
    return this.http.requestJson({ method: 'GET', ...contentHubPaths.targets(orderId), query: { skip: String(skip) }, headers: this.authorization(), schema: downloadOrderTargetListSchema, scope });
  }

  getTarget(scope: UpstreamScope, orderId: string, entityId: string): Promise<DownloadOrderTargetResource> {
    return this.http.requestJson({ method: 'GET', ...contentHubPaths.target(orderId, entityId), headers: this.authorization(), schema: downloadOrderTargetSchema, scope });
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function httpDate(value: string | undefined): Date | null {
  const at = value ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? null : new Date(at);
}
