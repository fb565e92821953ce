import { startStack } from './helpers/stack';
import type { TestStack } from './helpers/stack';
import { expectHealthy } from './helpers/health';
import { captureLogs } from './helpers/logCapture';
import { connected, openConnection } from './helpers/wsProtocol';
import type { RawConnection, ServerMessage } from './helpers/wsProtocol';

const WATCH = /* GraphQL */ `subscription { downloadOrderWatch(id: "1001") { orderId status } }`;

interface NextPayload {
  data?: { downloadOrderWatch: { orderId: string } } | null;
  errors?: Array<{ extensions?: { code?: string } }>;
}

const payloadOf = (message: ServerMessage) => message.payload as NextPayload;

describe('callers over WebSocket', () => {
  let stack: TestStack;
  const open: RawConnection[] = [];
  const logs = captureLogs('info');
  beforeAll(async () => {
    stack = await startStack({ env: { DOWNLOAD_ORDER_POLL_MS: '100' }, logger: logs.logger });
  });
  afterEach(() => {
    for (const connection of open.splice(0)) connection.close();
  });
  afterAll(() => stack.close());

  const contentHubCalls = () => stack.contentHub.requests.splice(0).length;
  async function connect(headers: Record<string, string>, payload?: Record<string, unknown>): Promise<RawConnection> {
    const connection = await connected(stack.url, headers, payload);
    open.push(connection);
    return connection;
  }

  it('takes the token from connection_init’s payload, as a browser sends it', async () => {
    const connection = await connect({}, { authorization: `Bearer ${stack.tokens.readOnly}` });
    connection.subscribe('1', WATCH);
    const first = await connection.next((message) => message.id === '1' && message.type === 'next');
    expect(payloadOf(first)).toEqual({ data: { downloadOrderWatch: { orderId: '1001', status: expect.any(String) } } });
  });

  it('takes the token from the upgrade’s Authorization header, as a server sends it', async () => {
    const connection = await connect({ authorization: `Bearer ${stack.tokens.readOnly}` });
    connection.subscribe('1', WATCH);
    const first = await connection.next((message) => message.id === '1' && message.type === 'next');
    expect(payloadOf(first).data?.downloadOrderWatch.orderId).toBe('1001');
  });

  it('names the caller (sub and client id, never the token) on the subscription’s log lines', async () => {
    const token = await stack.issuer.sign({ sub: 'watcher-7', client_id: 'ops-board', scope: 'download-orders:read' });
    const connection = await connect({}, { authorization: `Bearer ${token}` });
    connection.send({ id: '1', type: 'subscribe', payload: { query: `subscription Follow ${WATCH.slice('subscription '.length)}`, operationName: 'Follow' } });
    await connection.next((message) => message.id === '1' && message.type === 'next');
    connection.send({ id: '1', type: 'complete' });
    const ended = () => logs.lines().find((line) => line.msg === 'graphql subscription ended' && line.sub === 'watcher-7');
    for (let waited = 0; !ended() && waited < 2_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const fields = { operation: 'Follow', type: 'subscription', caller: 'token', sub: 'watcher-7', clientId: 'ops-board' };
    expect(logs.lines()).toContainEqual(expect.objectContaining({ msg: 'graphql subscription started', ...fields }));
    expect(ended()).toMatchObject({ ...fields, durationMs: expect.any(Number) });
    expect(logs.raw.join('\n')).not.toContain(token.split('.')[2]);
  });

  it('refuses an anonymous watch with UNAUTHENTICATED before any polling starts', async () => {
    contentHubCalls();
    const connection = await connect({});
    connection.subscribe('1', WATCH);
    const refused = await connection.next((message) => message.id === '1' && (message.type === 'next' || message.type === 'error'));
    const errors = refused.type === 'error' ? (refused.payload as NextPayload['errors']) : payloadOf(refused).errors;
    expect(errors!.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    await connection.ended('1');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(contentHubCalls()).toBe(0);
  });

  it('refuses a watch for a token without download-orders:read with FORBIDDEN', async () => {
    const connection = await connect({}, { authorization: `Bearer ${await stack.issuer.sign({ scope: 'materials:read' })}` });
    connection.subscribe('1', WATCH);
    const refused = await connection.next((message) => message.id === '1' && message.type === 'next');
    expect(payloadOf(refused).errors!.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('refuses a bad upgrade header with HTTP 401 before the socket opens', async () => {
    const expired = await stack.issuer.sign({ scope: 'download-orders:read' }, { expiresInSeconds: -120 });
    const upgrade = await openConnection(stack.url, { authorization: `Bearer ${expired}` });
    expect('refused' in upgrade && upgrade.refused.status).toBe(401);
    if ('refused' in upgrade) expect(JSON.parse(upgrade.refused.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('closes a connection whose connection_init token is refused with 4403, saying why', async () => {
    const upgrade = await openConnection(stack.url);
    if ('refused' in upgrade) throw new Error('upgrade refused');
    upgrade.socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${await stack.issuer.sign({ aud: 'another-api' })}` } });
    const closed = await upgrade.socket.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toContain('UNAUTHENTICATED');
    expect(upgrade.socket.messages.some((message) => message.type === 'connection_ack')).toBe(false);
    await expectHealthy(stack);
  });

  it('ends a subscription with UNAUTHENTICATED when its token expires, then completes it', async () => {
    const expiresInSeconds = 2;
    const token = await stack.issuer.sign({ scope: 'download-orders:read' }, { expiresInSeconds });
    const connection = await connect({}, { authorization: `Bearer ${token}` });
    connection.subscribe('1', WATCH);
    await connection.next((message) => message.id === '1' && message.type === 'next');
    const last = await connection.next((message) => message.id === '1' && message.type === 'next' && payloadOf(message).errors !== undefined, 5_000);
    expect(payloadOf(last)).toEqual({ data: null, errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
    expect((await connection.ended('1')).type).toBe('complete');
    // Polling stops with the subscription.
    contentHubCalls();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(contentHubCalls()).toBe(0);
    // A new subscription on the same connection is refused: the connection's token has expired.
    connection.subscribe('2', WATCH);
    const refused = await connection.next((message) => message.id === '2' && message.type === 'error');
    expect((refused.payload as NextPayload['errors'])!.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
