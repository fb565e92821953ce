import type http from 'node:http';
import { CloseCode, handleProtocols } from 'graphql-ws';
import type { Server } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../observability/logger';
import type { UpgradeExtra } from './webSocketTransport';

/** Pings every this often; a peer that has not answered by the next ping is dropped. */
const KEEP_ALIVE_MS = 12_000;

/**
 * Connects graphql-ws's protocol server to `ws` sockets. graphql-ws ships an adapter for this
 * (`graphql-ws/use/ws`), but it listens for a socket's first `error` only and reports a client's
 * protocol violation (a frame over `maxPayload`) as an internal error on the console. This one
 * owns every listener for the socket's whole life, logs through the gateway's logger, and says
 * what went wrong with the close code `ws` chose (1009 for a message too large).
 */
export function serveGraphQLWs(server: Server<UpgradeExtra>, wsServer: WebSocketServer, logger: Logger): { dispose(): Promise<void> } {
  wsServer.options.handleProtocols = handleProtocols;
  wsServer.on('connection', (socket: WebSocket, request: http.IncomingMessage) => {
    socket.on('error', (error) => {
      logger.info({ err: error }, 'websocket closed: the client broke the protocol');
      // `ws` has sent its close frame (1009 for a message too large) and would now read the rest
      // of the frame only to discard it: drop the connection instead of reading a peer we refuse.
      setImmediate(() => socket.terminate());
    });
    let alive = true;
    socket.on('pong', () => (alive = true));
    const keepAlive = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, KEEP_ALIVE_MS);

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data: Buffer) => {
            handle(String(data)).catch((error: unknown) => {
              logger.error({ err: error }, 'websocket message failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearInterval(keepAlive);
      void closed(code, String(reason));
    });
  });
  return {
    dispose: async () => {
      for (const client of wsServer.clients) client.close(1001, 'Going away');
      await new Promise<void>((resolve, reject) => wsServer.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
