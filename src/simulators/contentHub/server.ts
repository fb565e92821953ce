import type { ServerResponse } from 'node:http';
import { SimulatorHttpError, bearerToken, pathSegments, sendJson, startSimulatorServer } from '../http';
import type { RecordedRequest, SimulatorOptions, SimulatorRequest } from '../http';
import { CONTENT_HUB_DEMO, link, seedDemoOrders } from './seed';
import type { DownloadOrderStore } from './store';

/**
 * A simulator of Content Hub's download orders API: bearer token (401 otherwise), collections
 * paged by `skip` with the server's own page size, total_items, returned_items, offset and
 * next/previous links; GET by id with Last-Modified, answering If-Modified-Since with 304 when
 * the order has not changed since (HTTP's meaning); targets and one target.
 */

export interface ContentHubSimulatorOptions extends SimulatorOptions {
  /** Items per page, the vendor's choice (default 10). */
  pageSize?: number;
  tokens?: string[];
  /** Origin written into next/previous links (default: the simulator's own), to test link checks. */
  linkOrigin?: string;
}

export interface ContentHubSimulator {
  url: string;
  store: DownloadOrderStore;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startContentHubSimulator(options: ContentHubSimulatorOptions = {}): Promise<ContentHubSimulator> {
  const pageSize = options.pageSize ?? 10;
  const tokens = new Set(options.tokens ?? [CONTENT_HUB_DEMO.token]);
  let origin = '';
  let store: DownloadOrderStore | undefined;

  const server = await startSimulatorServer((request, response) => {
    const token = bearerToken(request);
    if (!token || !tokens.has(token)) throw new SimulatorHttpError(401, 'Unauthorized');
    const [api, downloadorders, orderId, targets, entityId, ...rest] = pathSegments(request.url);
    if (request.method !== 'GET' || api !== 'api' || downloadorders !== 'downloadorders' || rest.length) {
      throw new SimulatorHttpError(404, 'Not found');
    }
    if (orderId === undefined) {
      const orders = store!.list().map((stored) => stored.order);
      return sendPage(request, response, `${options.linkOrigin ?? origin}/api/downloadorders`, orders, {});
    }
    const stored = store!.get(Number(orderId));
    if (!/^\d+$/.test(orderId) || !stored) throw new SimulatorHttpError(404, 'Download order not found');
    const targetResource = (entity: number) => ({
      entity: link(`${origin}/api/entities/${entity}`),
      self: link(`${origin}/api/downloadorders/${orderId}/targets/${entity}`),
    });
    if (targets === 'targets' && entityId === undefined) {
      return sendPage(request, response, `${options.linkOrigin ?? origin}/api/downloadorders/${orderId}/targets`, stored.targets.map(targetResource), {
        order: link(`${origin}/api/downloadorders/${orderId}`),
      });
    }
    if (targets === 'targets') {
      if (!stored.targets.includes(Number(entityId))) throw new SimulatorHttpError(404, 'Target not found');
      return sendJson(response, 200, targetResource(Number(entityId)));
    }
    if (targets !== undefined) throw new SimulatorHttpError(404, 'Not found');
    const since = Date.parse(request.raw.headers['if-modified-since'] ?? '');
    const headers = { 'last-modified': stored.lastModified.toUTCString() };
    if (!Number.isNaN(since) && stored.lastModified.getTime() <= since) {
      response.writeHead(304, headers).end();
      return;
    }
    sendJson(response, 200, stored.order, headers);
  }, options);
  origin = server.url;
  store = seedDemoOrders(origin);

  function sendPage(request: SimulatorRequest, response: ServerResponse, base: string, items: unknown[], extra: object): void {
    const skipText = request.url.searchParams.get('skip') ?? '0';
    if (!/^\d+$/.test(skipText)) throw new SimulatorHttpError(400, 'skip must be a non-negative integer');
    const skip = Number(skipText);
    const page = items.slice(skip, skip + pageSize);
    sendJson(response, 200, {
      ...extra,
      items: page,
      total_items: items.length,
      returned_items: page.length,
      offset: skip,
      next: skip + pageSize < items.length ? link(`${base}?skip=${skip + pageSize}`) : null,
      previous: skip > 0 ? link(`${base}?skip=${Math.max(0, skip - pageSize)}`) : null,
      self: link(`${base}?skip=${skip}`),
    });
  }

  return { url: server.url, store, requests: server.requests, close: server.close };
}
