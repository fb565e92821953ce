import type { ServerResponse } from 'node:http';
import { SimulatorHttpError, bearerToken, pathSegments, readJsonBody, sendJson, startSimulatorServer } from '../http';
import type { FaultInjector } from '../faults';
import { FileFaults, serveFile } from '../files';
import type { RecordedRequest, SimulatorOptions, SimulatorRequest } from '../http';
import { CONTENT_HUB_CLIENT_ID_HEADER } from '../../upstream/contentHub/model';
import { listItemIn, pageFieldsIn } from './forms';
import type { ContentHubAnswerForms } from './forms';
import { CONTENT_HUB_DEMO, link, orderResource, seedDemoOrders } from './seed';
import type { DownloadOrderStore } from './store';

/**
 * A simulator of Content Hub's download orders API: bearer token (401 otherwise), collections
 * paged by `skip` with the server's own page size, total_items, returned_items, offset and
 * next/previous links; GET by id with Last-Modified, answering If-Modified-Since with 304 when
 * the order has not changed since (HTTP's meaning); targets and one target. Where the doc
 * allows more than one answer, `forms` picks it (src/simulators/contentHub/forms.ts).
 */

export interface ContentHubSimulatorOptions extends SimulatorOptions {
  /** Items per page, the vendor's choice (default 10). */
  pageSize?: number;
  tokens?: string[];
  /**
   * The client ID every request must carry ("an access token and the client ID. Both are sent
   * with every request"), in the header the gateway assumes (the doc names none); 401 without
   * it. Default: none required.
   */
  clientId?: string;
  /** Origin written into next/previous/self links (default: the simulator's own): links may point anywhere. */
  linkOrigin?: string;
  /** Doc-allowed answers other than the default ones, to prove the gateway handles them. */
  forms?: ContentHubAnswerForms;
  /** How long a created order takes to reach Completed (half way it is InProgress). Default 5 s. */
  completionMs?: number;
  /** How many demo orders to seed (default CONTENT_HUB_DEMO.orderCount); the benchmark walks more. */
  orderCount?: number;
  /** Bytes of an order's ZIP (src/simulators/files.ts) unless the stored order says (default 1 MiB). */
  zipBytes?: number;
}

export interface ContentHubSimulator {
  url: string;
  store: DownloadOrderStore;
  requests: RecordedRequest[];
  faults: FaultInjector;
  /** Faults of the ZIP downloads alone (404, 410, a body cut short), the API answering normally. */
  fileFaults: FileFaults;
  close(): Promise<void>;
}

export async function startContentHubSimulator(options: ContentHubSimulatorOptions = {}): Promise<ContentHubSimulator> {
  const pageSize = options.pageSize ?? 10;
  const tokens = new Set(options.tokens ?? [CONTENT_HUB_DEMO.token]);
  const forms = options.forms ?? {};
  let origin = '';
  let store: DownloadOrderStore | undefined;

  const completionMs = options.completionMs ?? 5_000;
  const timers = new Set<NodeJS.Timeout>();
  const fileFaults = new FileFaults();

  const server = await startSimulatorServer(async (request, response) => {
    const token = bearerToken(request);
    if (!token || !tokens.has(token)) throw new SimulatorHttpError(401, 'Unauthorized');
    if (options.clientId !== undefined && request.raw.headers[CONTENT_HUB_CLIENT_ID_HEADER] !== options.clientId) {
      throw new SimulatorHttpError(401, 'Unknown or missing client ID');
    }
    const [api, downloadorders, orderId, targets, entityId, ...rest] = pathSegments(request.url);
    if (request.method === 'GET' && api === 'api' && downloadorders === 'downloads' && orderId && targets === undefined) return serveZip(request, response);
    if (api !== 'api' || downloadorders !== 'downloadorders' || rest.length) throw new SimulatorHttpError(404, 'Not found');
    if (request.method === 'POST' && orderId === undefined) return createOrder(request, response);
    if (request.method !== 'GET') throw new SimulatorHttpError(404, 'Not found');
    if (orderId === undefined) {
      const orders = store!.list().map((stored) => listItemIn(forms, stored.order));
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
  store = seedDemoOrders(origin, options.orderCount);

  /** POST /api/downloadorders: a new order starts Created and completes after `completionMs`. */
  async function createOrder(request: SimulatorRequest, response: ServerResponse): Promise<void> {
    const body = await readJsonBody(request);
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const order = fields.order as Record<string, unknown> | undefined;
    if (typeof order !== 'object' || order === null || Array.isArray(order)) throw new SimulatorHttpError(400, 'order is required');
    const type = fields.download_order_type ?? 'Standard';
    if (type !== 'Standard' && type !== 'Custom') throw new SimulatorHttpError(400, 'download_order_type must be Standard or Custom');
    const individual = Object.keys((order.individual as object | null) ?? {}).map(Number).filter(Number.isInteger);
    const pooled = fields.target_selection ? [1, 2, 3].map((n) => 70_000 + n) : [];
    const targets = [...individual, ...pooled];
    if (targets.length === 0) throw new SimulatorHttpError(400, 'The order selects no targets');
    const orderId = Math.max(0, ...store!.list().map((stored) => stored.order.order_id)) + 1;
    const created = store!.put(
      orderResource(origin, orderId, {
        targetCount: targets.length,
        name: typeof fields.name === 'string' ? fields.name : null,
        culture: typeof fields.culture === 'string' ? fields.culture : 'en-US',
        has_conversions: JSON.stringify(order).includes('"conversions":[['),
        status: 'Created',
      }),
      targets,
    );
    const later = (ms: number, change: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        change();
      }, ms);
      timer.unref();
      timers.add(timer);
    };
    later(completionMs / 2, () => store!.update(orderId, { status: 'InProgress' }));
    later(completionMs, () =>
      store!.update(orderId, {
        status: 'Completed',
        download_location: link(`${origin}/api/downloads/${orderId}.zip`, String(order.zip_filename ?? `order-${orderId}.zip`)),
      }),
    );
    sendJson(response, 201, created.order, { 'last-modified': created.lastModified.toUTCString() });
  }

  /** An order's ZIP, at the download_location it was given (so only once the order has one). */
  function serveZip(request: SimulatorRequest, response: ServerResponse): Promise<void> {
    const at = (href: string) => URL.canParse(href, origin) && new URL(href, origin).pathname === request.url.pathname;
    const stored = store!.list().find(({ order }) => order.download_location && at(order.download_location.href));
    if (!stored) throw new SimulatorHttpError(404, 'Download not found');
    const size = stored.zipBytes ?? options.zipBytes ?? 1024 * 1024;
    return serveFile(response, { identity: `contentHub/order-${stored.order.order_id}.zip`, size, contentType: 'application/zip' }, fileFaults);
  }

  function sendPage(request: SimulatorRequest, response: ServerResponse, base: string, items: unknown[], extra: object): void {
    const skipText = request.url.searchParams.get('skip') ?? '0';
    if (!/^\d+$/.test(skipText)) throw new SimulatorHttpError(400, 'skip must be a non-negative integer');
    const skip = Number(skipText);
    const page = items.slice(skip, skip + pageSize);
    sendJson(response, 200, {
      ...extra,
      items: page,
      ...pageFieldsIn(
        forms,
        { total: items.length, returned: page.length, offset: skip },
        {
          next: skip + pageSize < items.length ? link(`${base}?skip=${skip + pageSize}`) : null,
          previous: skip > 0 ? link(`${base}?skip=${Math.max(0, skip - pageSize)}`) : null,
        },
      ),
      self: link(`${base}?skip=${skip}`),
    });
  }

  return {
    url: server.url,
    store,
    requests: server.requests,
    faults: server.faults,
    fileFaults,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      return server.close();
    },
  };
}
