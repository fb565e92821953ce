import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';

/** A message the gateway sent over graphql-ws (graphql-transport-ws protocol). */
export interface ServerMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/** How a connection attempt ended: upgraded, or refused with a plain HTTP answer. */
export type Upgrade = { socket: RawConnection } | { refused: { status: number; body: string } };

/**
 * A graphql-ws connection spoken message by message, so a test sees exactly what the gateway
 * sends (error vs next vs complete, close codes) and can send what a real client never would.
 */
export class RawConnection {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    // A refused frame can surface as an error on the client side too; the close event says the rest.
    socket.on('error', () => undefined);
  }

  send(message: unknown): void {
    this.sendText(JSON.stringify(message));
  }

  /** A message as text, for what JSON.stringify cannot write (values nested 10,000 deep). */
  sendText(text: string): void {
    this.socket.send(text);
  }

  /** Sends connection_init and waits for connection_ack. */
  async init(payload?: Record<string, unknown>): Promise<void> {
    this.send({ type: 'connection_init', payload });
    await this.next((message) => message.type === 'connection_ack');
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  /** The first message (already received or still to come) that matches, within `timeoutMs`. */
  async next(match: (message: ServerMessage) => boolean, timeoutMs = 5_000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** The final message of an operation: its `error`, or its `complete`. */
  ended(id: string): Promise<ServerMessage> {
    return this.next((message) => message.id === id && (message.type === 'error' || message.type === 'complete'));
  }

  close(): void {
    this.socket.close();
  }
}

/** Opens a graphql-ws connection to `url` (http:// or ws://) with the given upgrade headers. */
export function openConnection(url: string, headers: Record<string, string> = {}): Promise<Upgrade> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket: new RawConnection(socket) }));
    socket.once('unexpected-response', (_request, response: IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ refused: { status: response.statusCode ?? 0, body } }));
    });
    socket.once('error', reject);
  });
}

/** Opens a connection that must be accepted, and acknowledges it. */
export async function connected(url: string, headers: Record<string, string> = {}, initPayload?: Record<string, unknown>): Promise<RawConnection> {
  const upgrade = await openConnection(url, headers);
  if ('refused' in upgrade) throw new Error(`upgrade refused: ${upgrade.refused.status} ${upgrade.refused.body}`);
  await upgrade.socket.init(initPayload);
  return upgrade.socket;
}
