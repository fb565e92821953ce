import net from 'node:net';
import { expectHealthy } from './helpers/health';
import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';
import { waitFor } from './helpers/waitFor';

const HEADERS_TIMEOUT_MS = 500;
const REQUEST_TIMEOUT_MS = 3_000;
const JSON_BODY_TIMEOUT_MS = 1_000;
const MAX_CONNECTIONS = 6;

interface RawClient {
  socket: net.Socket;
  /** Everything the server sent. */
  received(): string;
  /** Milliseconds from connecting until the server closed the socket. */
  closed: Promise<number>;
  isClosed(): boolean;
}

/** A plain TCP client on loopback, as a slow or hostile client would be; no HTTP library. */
function rawClient(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    let done = false;
    const socket = net.connect(port, '127.0.0.1');
    const closed = new Promise<number>((onClose) =>
      socket.once('close', () => {
        done = true;
        onClose(Date.now() - started);
      }),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset by the server shows as `close`
    socket.once('connect', () =>
      resolve({ socket, closed, received: () => Buffer.concat(chunks).toString('latin1'), isClosed: () => done }),
    );
    socket.once('error', reject);
  });
}

/** Writes `text` one byte every `gapMs` until the server closes the socket. */
function trickle(client: RawClient, text: string, gapMs: number): void {
  let next = 0;
  const timer = setInterval(() => {
    if (client.isClosed() || next >= text.length) return clearInterval(timer);
    client.socket.write(text[next]!);
    next += 1;
  }, gapMs);
}

const portOf = (stack: TestStack) => Number(new URL(stack.url).port);

describe('slow clients', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        HTTP_JSON_BODY_TIMEOUT_MS: String(JSON_BODY_TIMEOUT_MS),
      },
    });
  });
  afterAll(() => stack.close());

  it('closes sockets whose headers never finish after HTTP_HEADERS_TIMEOUT_MS, with 408', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => rawClient(portOf(stack))));
    for (const client of clients) {
      client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      trickle(client, 'a'.repeat(1_000), 100);
    }
    const closedAfter = await Promise.all(clients.map((client) => client.closed));
    // node:http checks every second at most (connectionsCheckingInterval), so allow for one check.
    for (const ms of closedAfter) expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + 1_000 + 1_000);
    for (const client of clients) expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    await expectHealthy(stack);
  });

  /** Sends a request's headers, then trickles its body at 10 bytes a second (it would take over 20 s). */
  async function trickledBody(contentType: string): Promise<RawClient> {
    const client = await rawClient(portOf(stack));
    const body = JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(200) });
    client.socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\napollo-require-preflight: true\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`);
    trickle(client, body, 100);
    return client;
  }

  it('cuts a JSON body trickled a byte at a time after HTTP_JSON_BODY_TIMEOUT_MS, with 408 REQUEST_TIMEOUT', async () => {
    const client = await trickledBody('application/json');
    const closedAfter = await client.closed;
    expect(closedAfter).toBeGreaterThanOrEqual(JSON_BODY_TIMEOUT_MS - 100);
    expect(closedAfter).toBeLessThan(JSON_BODY_TIMEOUT_MS + 1_000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(client.received()).toContain('"code":"REQUEST_TIMEOUT"');
    await expectHealthy(stack);
  });

  it('cuts any other body (a multipart upload) trickled a byte at a time after HTTP_REQUEST_TIMEOUT_MS, with 408', async () => {
    const client = await trickledBody('multipart/form-data; boundary=b');
    const closedAfter = await client.closed;
    expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(closedAfter).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000 + 1_000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    await expectHealthy(stack);
  });
});

describe('the connection cap', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // A fresh gateway: no keep-alive connection of an earlier test counts against the cap.
    stack = await startStack({ env: { HTTP_MAX_CONNECTIONS: String(MAX_CONNECTIONS) } });
  });
  afterAll(() => stack.close());

  it(`holds HTTP_MAX_CONNECTIONS sockets and closes the ones past it at once`, async () => {
    const clients: RawClient[] = [];
    for (let index = 0; index < MAX_CONNECTIONS + 3; index += 1) clients.push(await rawClient(portOf(stack)));
    await waitFor(() => clients.filter((client) => client.isClosed()).length === 3);
    const held = clients.filter((client) => !client.isClosed());
    expect(held).toHaveLength(MAX_CONNECTIONS);
    expect(clients.slice(MAX_CONNECTIONS).every((client) => client.isClosed())).toBe(true);
    // The held ones are real connections: each answers a request.
    held[0]!.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await held[0]!.closed;
    expect(held[0]!.received()).toMatch(/^HTTP\/1\.1 200 /);
    for (const client of held) client.socket.destroy();
    await Promise.all(held.map((client) => client.closed));
    await expectHealthy(stack);
  });
});
