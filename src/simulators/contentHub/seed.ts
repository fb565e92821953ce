import type { ContentHubLink, DownloadOrderResource } from '../../upstream/contentHub/model';
import { DownloadOrderStore } from './store';

/** Free-text statuses as Content Hub writes them; every one appears in the demo data. */
export const DEMO_STATUSES = ['Created', 'Pending', 'InProgress', 'Completed', 'Failed', 'Cancelled', 'Archived'];
export const CONTENT_HUB_DEMO = { token: 'content-hub-demo-token', firstOrderId: 1001, orderCount: 23 } as const;

export function link(href: string, title?: string): ContentHubLink {
  return { href, title: title ?? null, templated: false, filename_properties: [] };
}

/** An order resource as Content Hub answers it, its links on `origin`. */
export function orderResource(origin: string, orderId: number, fields: Partial<DownloadOrderResource> & { targetCount: number }): DownloadOrderResource {
  const { targetCount, ...rest } = fields;
  const self = `${origin}/api/downloadorders/${orderId}`;
  return {
    order_id: orderId,
    name: `Download order ${orderId}`,
    target_count: targetCount,
    has_conversions: orderId % 3 === 0,
    created_by: link(`${origin}/api/entities/${9000 + (orderId % 4)}`, 'Media team'),
    created_on: new Date(Date.UTC(2025, 4, 1) + (orderId - 1000) * 3_600_000).toISOString(),
    modified_by: link(`${origin}/api/entities/${9000 + (orderId % 4)}`, 'Media team'),
    status: 'Created',
    download_location: null,
    additional_info: null,
    external_job_reference: null,
    targets: link(`${self}/targets`),
    culture: 'en-US',
    self: link(self),
    ...rest,
  };
}

export function seedDemoOrders(origin: string, orderCount: number = CONTENT_HUB_DEMO.orderCount): DownloadOrderStore {
  const store = new DownloadOrderStore();
  for (let index = 0; index < orderCount; index += 1) {
    const orderId = CONTENT_HUB_DEMO.firstOrderId + index;
    const status = DEMO_STATUSES[index % DEMO_STATUSES.length]!;
    const targetCount = 1 + ((index * 7) % 37);
    const done = status === 'Completed' || status === 'Archived';
    store.put(
      orderResource(origin, orderId, {
        targetCount,
        status,
        download_location: done ? link(`${origin}/api/downloads/${orderId}.zip`, `order-${orderId}.zip`) : null,
      }),
      Array.from({ length: targetCount }, (_, target) => 50_000 + orderId * 100 + target),
      new Date(Date.UTC(2025, 4, 2) + index * 3_600_000),
    );
  }
  return store;
}
