import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { CONTENT_HUB_DEMO } from '../src/simulators/contentHub/seed';
import { bearer, startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';

const POLL_MS = 100;
const COMPLETION_MS = 1_200;

const CREATE = /* GraphQL */ `
  mutation($input: DownloadOrderCreateInput!) {
    downloadOrderCreate(input: $input) {
      downloadOrder { orderId status name targetCount hasConversions }
      userErrors { field message code }
    }
  }
`;
const WATCH = /* GraphQL */ `
  subscription($id: ID!) { downloadOrderWatch(id: $id) { orderId status downloadLocation { href title } } }
`;

interface Watched {
  orderId: string;
  status: string;
  downloadLocation: { href: string; title: string } | null;
}

describe('creating and watching download orders', () => {
  let stack: TestStack;
  const clients: Client[] = [];
  beforeAll(async () => {
    stack = await startStack({ env: { DOWNLOAD_ORDER_POLL_MS: String(POLL_MS) }, contentHub: { completionMs: COMPLETION_MS } });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await stack.close();
  });

  function wsClient(): Client {
    const client = createClient({
      url: stack.url.replace(/^http/, 'ws'),
      connectionParams: bearer(stack.tokens.full),
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  }

  async function watch(id: string): Promise<Watched[]> {
    const seen: Watched[] = [];
    for await (const result of wsClient().iterate<{ downloadOrderWatch: Watched }>({ query: WATCH, variables: { id } })) {
      expect(result.errors).toBeUndefined();
      seen.push(result.data!.downloadOrderWatch);
    }
    return seen;
  }

  async function create(input: Record<string, unknown>) {
    const { body } = await stack.graphql<{ downloadOrderCreate: { downloadOrder: { orderId: string; status: string } | null; userErrors: unknown[] } }>(
      CREATE,
      { input },
    );
    expect(body.errors).toBeUndefined();
    return body.data!.downloadOrderCreate;
  }

  const orderPolls = (orderId: string) =>
    stack.contentHub.requests.filter((request) => request.method === 'GET' && request.path === `/api/downloadorders/${orderId}`);

  it('creates an order from typed input in the vendor shape, then watches it to completion', async () => {
    stack.contentHub.requests.splice(0);
    const created = await create({
      name: 'Press kit',
      zipFileName: 'press-kit.zip',
      type: 'CUSTOM',
      culture: 'en-GB',
      targetSelection: { selectionPool: 'Selection', subPoolId: 7 },
      mediaGroups: [{ mediaGroupId: 'Images', download: { renditions: ['preview'], conversions: [[{ type: 'fileExtension', value: 'png' }]] } }],
      assets: [{ assetId: '1234', download: { renditions: ['original'], userRendition: { label: 'Print', culture: 'en-GB' } } }],
    });
    expect(created.userErrors).toEqual([]);
    expect(created.downloadOrder).toMatchObject({ status: 'CREATED', name: 'Press kit', targetCount: 4, hasConversions: true });
    expect(stack.contentHub.requests[0]!.body).toEqual({
      order: {
        zip_filename: 'press-kit.zip',
        global: { Images: { renditions: ['preview'], conversions: [[{ type: 'fileExtension', value: 'png' }]] } },
        individual: { 1234: { renditions: ['original'], user_rendition_configuration: { label: 'Print', culture: 'en-GB' } } },
      },
      target_selection: { selectionPool: 'Selection', subPoolId: 7 },
      culture: 'en-GB',
      name: 'Press kit',
      download_order_type: 'Custom',
    });

    const seen = await watch(created.downloadOrder!.orderId);
    expect(seen.map((order) => order.status)).toEqual(['CREATED', 'IN_PROGRESS', 'COMPLETED']);
    expect(seen.at(-1)!.downloadLocation).toMatchObject({ title: 'press-kit.zip', href: expect.stringContaining('.zip') });
  });

  it('polls the vendor once per interval for an order however many clients watch it, 304s included', async () => {
    const created = await create({ name: 'Shared', assets: [{ assetId: '42', download: { renditions: ['original'] } }] });
    const orderId = created.downloadOrder!.orderId;
    const started = Date.now();
    const watchers = await Promise.all(Array.from({ length: 6 }, () => watch(orderId)));
    const elapsed = Date.now() - started;
    for (const seen of watchers) expect(seen.map((order) => order.status)).toEqual(watchers[0]!.map((order) => order.status));
    expect(watchers[0]!.at(-1)!.status).toBe('COMPLETED');
    const polls = orderPolls(orderId);
    // One watcher polls at most once per interval; six separate pollers would make six times that.
    expect(polls.length).toBeLessThanOrEqual(Math.ceil(elapsed / POLL_MS) + 1);
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.filter((poll) => poll.status === 304).length).toBeGreaterThan(0);
  });

  it('stops polling when nobody watches any more', async () => {
    const pending = stack.contentHub.store.list().find((stored) => stored.order.status === 'Pending')!;
    const orderId = String(pending.order.order_id);
    const iterator = wsClient().iterate<{ downloadOrderWatch: Watched }>({ query: WATCH, variables: { id: orderId } });
    const first = await iterator.next();
    expect(first.value.data.downloadOrderWatch.status).toBe('PENDING');
    await sleep(POLL_MS * 3);
    expect(orderPolls(orderId).length).toBeGreaterThan(1);
    await iterator.return!();
    await sleep(POLL_MS * 2);
    const after = orderPolls(orderId).length;
    await sleep(POLL_MS * 4);
    expect(orderPolls(orderId).length).toBe(after);
  });

  it('ends the watch with NOT_FOUND for an order that does not exist', async () => {
    const client = wsClient();
    const results = [];
    for await (const result of client.iterate({ query: WATCH, variables: { id: '999999' } })) results.push(result);
    expect(results).toEqual([{ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND', upstream: 'contentHub' }) })] }]);
  });

  it('returns what Content Hub refuses as userErrors, and sends the creation once', async () => {
    stack.contentHub.requests.splice(0);
    const refused = await create({ name: 'Empty' });
    expect(refused).toEqual({ downloadOrder: null, userErrors: [{ field: ['input'], message: expect.any(String), code: 'REJECTED_BY_VENDOR' }] });
    expect(stack.contentHub.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('demo data has an order in every status to watch', () => {
    expect(stack.contentHub.store.list().length).toBeGreaterThanOrEqual(CONTENT_HUB_DEMO.orderCount);
  });
});
