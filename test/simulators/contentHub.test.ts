import { request } from 'undici';
import { CONTENT_HUB_DEMO } from '../../src/simulators/contentHub/seed';
import { startContentHubSimulator } from '../../src/simulators/contentHub/server';
import type { ContentHubSimulator } from '../../src/simulators/contentHub/server';
import { downloadOrderListSchema, downloadOrderSchema } from '../../src/upstream/contentHub/model';

describe('Content Hub simulator', () => {
  let simulator: ContentHubSimulator;
  beforeAll(async () => {
    simulator = await startContentHubSimulator({ pageSize: 5 });
  });
  afterAll(() => simulator.close());

  const get = (path: string, headers: Record<string, string> = { authorization: `Bearer ${CONTENT_HUB_DEMO.token}` }) =>
    request(`${simulator.url}${path}`, { headers });

  it('answers 401 without the token', async () => {
    const response = await get('/api/downloadorders', {});
    await response.body.dump();
    expect(response.statusCode).toBe(401);
  });

  it('pages by skip with its own page size, totals and links', async () => {
    const page = downloadOrderListSchema.parse(await (await get('/api/downloadorders?skip=5')).body.json());
    expect(page).toMatchObject({ total_items: CONTENT_HUB_DEMO.orderCount, returned_items: 5, offset: 5 });
    expect(page.next!.href).toBe(`${simulator.url}/api/downloadorders?skip=10`);
    expect(page.previous!.href).toBe(`${simulator.url}/api/downloadorders?skip=0`);
    const last = downloadOrderListSchema.parse(await (await get('/api/downloadorders?skip=20')).body.json());
    expect(last.next).toBeNull();
    expect(last.returned_items).toBe(CONTENT_HUB_DEMO.orderCount - 20);
  });

  it('answers If-Modified-Since with 304 only when the order has not changed since', async () => {
    const first = await get(`/api/downloadorders/${CONTENT_HUB_DEMO.firstOrderId}`);
    downloadOrderSchema.parse(await first.body.json());
    const lastModified = String(first.headers['last-modified']);
    const unchanged = await get(`/api/downloadorders/${CONTENT_HUB_DEMO.firstOrderId}`, {
      authorization: `Bearer ${CONTENT_HUB_DEMO.token}`,
      'if-modified-since': lastModified,
    });
    await unchanged.body.dump();
    expect(unchanged.statusCode).toBe(304);
    simulator.store.update(CONTENT_HUB_DEMO.firstOrderId, { status: 'Completed' }, new Date(Date.parse(lastModified) + 2_000));
    const changed = await get(`/api/downloadorders/${CONTENT_HUB_DEMO.firstOrderId}`, {
      authorization: `Bearer ${CONTENT_HUB_DEMO.token}`,
      'if-modified-since': lastModified,
    });
    expect(changed.statusCode).toBe(200);
    expect(downloadOrderSchema.parse(await changed.body.json()).status).toBe('Completed');
  });

  it('creates an order that starts Created and completes after its delay', async () => {
    const fast = await startContentHubSimulator({ completionMs: 200 });
    try {
      const post = (body: unknown) =>
        request(`${fast.url}/api/downloadorders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${CONTENT_HUB_DEMO.token}`, 'content-type': 'application/json-patch+json' },
          body: JSON.stringify(body),
        });
      const refused = await post({ name: 'no order' });
      await refused.body.dump();
      expect(refused.statusCode).toBe(400);
      const created = await post({ order: { individual: { 77: { renditions: ['original'] } } }, download_order_type: 'Standard' });
      expect(created.statusCode).toBe(201);
      const order = downloadOrderSchema.parse(await created.body.json());
      expect(order).toMatchObject({ status: 'Created', target_count: 1 });
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(fast.store.get(order.order_id)!.order).toMatchObject({ status: 'Completed', download_location: { href: expect.stringContaining('.zip') } });
    } finally {
      await fast.close();
    }
  });

  it('answers 404 for unknown orders and targets, 400 for a bad skip', async () => {
    for (const [path, status] of [['/api/downloadorders/42', 404], ['/api/downloadorders/1001/targets/1', 404], ['/api/downloadorders?skip=-1', 400]] as const) {
      const response = await get(path);
      await response.body.dump();
      expect(response.statusCode).toBe(status);
    }
  });

  it('answers the other forms its doc allows when switched on: null counts, no page links, lean list items, a required client ID', async () => {
    const other = await startContentHubSimulator({
      pageSize: 5,
      forms: { nullCounts: true, omitPageLinks: true, listItemFields: ['order_id', 'self'] },
      clientId: 'gateway',
      linkOrigin: 'https://elsewhere.example',
    });
    try {
      const read = (path: string, headers: Record<string, string>) =>
        request(`${other.url}${path}`, { headers: { authorization: `Bearer ${CONTENT_HUB_DEMO.token}`, ...headers } });
      const refused = await read('/api/downloadorders', {});
      await refused.body.dump();
      expect(refused.statusCode).toBe(401);
      const body = (await (await read('/api/downloadorders?skip=5', { 'x-client-id': 'gateway' })).body.json()) as Record<string, unknown>;
      expect(downloadOrderListSchema.parse(body)).toMatchObject({ total_items: null, returned_items: null, offset: null });
      expect(body).not.toHaveProperty('next');
      expect(body).not.toHaveProperty('previous');
      expect(body.self).toMatchObject({ href: 'https://elsewhere.example/api/downloadorders?skip=5' });
      expect((body.items as object[]).map((item) => Object.keys(item).sort())).toEqual(Array(5).fill(['order_id', 'self']));
    } finally {
      await other.close();
    }
  });
});
