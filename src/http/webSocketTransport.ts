import http from 'node:http';
import type { Duplex } from 'node:stream';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import type { DocumentNode, ExecutionArgs, GraphQLSchema } from 'graphql';
import { CloseCode, makeServer } from 'graphql-ws';
import type { Context, SubscribePayload } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { identifyCaller } from '../access/callerIdentity';
import type { CallerRefusal } from '../access/callerIdentity';
import type { OperationPolicy } from '../access/operationPolicy';
import type { DocumentSender, TrustedDocuments } from '../access/trustedDocuments/trustedDocuments';
import type { OriginPolicy } from '../access/origins';
import type { Authenticator } from '../auth/authenticator';
import { ANONYMOUS, callerLogFields } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { clientIdentityOf } from '../observability/clientAwareness';
import type { Logger } from '../observability/logger';
import type { GraphQLContext } from '../graphql/context';
import { requestErrorBody } from './errorBody';
import { serveGraphQLWs } from './graphqlWsSockets';
import { subscribeWithContextPerEvent } from './subscriptionEvents';

export interface WebSocketLimits {
  /** A connection that has not sent `connection_init` by then is closed (4408). */
  connectionInitTimeoutMs: number;
  /** Subscriptions one connection may hold at once. */
  maxSubscriptionsPerConnection: number;
}

export interface WebSocketTransportOptions {
  httpServer: http.Server;
  path: string;
  schema: GraphQLSchema;
  policy: OperationPolicy;
  /** PERSISTED_DOCUMENTS: the same admission as over HTTP (an id runs its listed text). */
  trustedDocuments?: TrustedDocuments;
  origins: OriginPolicy;
  authenticator: Authenticator;
  limits: WebSocketLimits;
  /** A new context for each operation; aborting `signal` abandons its vendor calls. */
  context: (connection: Connection, signal: AbortSignal) => GraphQLContext;
  /** True once the gateway drains: new connections are refused with 503. */
  draining: () => boolean;
  logger: Logger;
}

/** What graphql-ws's `ws` adapter gives each connection (a type alias: graphql-ws wants a record). */
export type UpgradeExtra = {
  socket: WebSocket;
  request: http.IncomingMessage;
  /** Who the connection acts for, set once `connection_init` was accepted. */
  caller?: Caller;
};

export type Connection = Context<Record<string, unknown> | undefined, UpgradeExtra>;

/**
 * Subscriptions over graphql-ws (the protocol of Apollo Sandbox and Apollo Client's
 * GraphQLWsLink) at the GraphQL path, under exactly the rules of HTTP: the upgrade is refused
 * unless its Origin may call us, a message is capped at the JSON body limit before it is read,
 * and every operation is parsed, validated and its errors formatted by the same OperationPolicy.
 * Only subscriptions run here: queries and mutations go over HTTP, where CSRF prevention,
 * persisted queries and HTTP caching apply.
 */
export function startWebSocketTransport(options: WebSocketTransportOptions): { dispose(): Promise<void> } {
  const { httpServer, path, schema, policy, origins, authenticator, limits, logger } = options;
  // `ws` refuses a larger frame (close 1009) before buffering it, so a huge message costs nothing.
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: policy.maxMessageBytes });

  httpServer.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets mid-handshake must not become an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(request, path, origins, options.draining());
    if (refusal) return refuseUpgrade(socket, refusal);
    // A token in the upgrade's Authorization header is checked before the WebSocket opens.
    identifyCaller(authenticator, request.headers.authorization).then((identified) => {
      if ('refusal' in identified) return refuseUpgrade(socket, identified.refusal);
      upgradeCallers.set(request, identified.caller);
      wsServer.handleUpgrade(request, socket, head, (webSocket) => wsServer.emit('connection', webSocket, request));
    }, (error: unknown) => {
      logger.error({ err: error }, 'websocket upgrade failed');
      socket.destroy();
    });
  });
  const upgradeCallers = new WeakMap<http.IncomingMessage, Caller>();

  // Each running subscription: how to abandon its vendor calls, and its log line's fields.
  const operations = new WeakMap<Connection, Map<string, RunningSubscription>>();
  const endOperation = (connection: Connection, id: string) => {
    const running = operations.get(connection)?.get(id);
    if (!running) return;
    running.abort.abort();
    operations.get(connection)!.delete(id);
    running.log.info({ ...running.fields, durationMs: Math.round(performance.now() - running.started) }, 'graphql subscription ended');
  };

  // Each subscription's source context, and how to make one more for each of its events.
  const eventContexts = new WeakMap<object, () => GraphQLContext>();

  const server = makeServer<Record<string, unknown> | undefined, UpgradeExtra>({
    connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
    // Browsers cannot set headers on a WebSocket, so `connection_init` may carry the token
    // (`{ "authorization": "Bearer …" }`); it wins over the upgrade's header. A refused token
    // closes with 4403, which graphql-ws clients retry, re-reading their connectionParams.
    onConnect: async (connection) => {
      const fromPayload = connection.connectionParams?.['authorization'];
      const identified =
        fromPayload === undefined ? { caller: upgradeCallers.get(connection.extra.request) ?? ANONYMOUS } : await identifyCaller(authenticator, fromPayload);
      if ('refusal' in identified) {
        connection.extra.socket.close(CloseCode.Forbidden, closeReason(identified.refusal));
        return false;
      }
      connection.extra.caller = identified.caller;
      return true;
    },
    onSubscribe: (connection, id, payload) => {
      if (tokenExpired(connection.extra.caller)) return [requestError('UNAUTHENTICATED', TOKEN_EXPIRED)];
      const { trustedDocuments } = options;
      const admitted = trustedDocuments ? admitDocument(trustedDocuments, connection, payload, logger) : payload;
      if (admitted instanceof GraphQLError) return [admitted];
      const prepared = prepareSubscription(schema, policy, limits, connection, admitted);
      if (isErrors(prepared)) return prepared;
      if (trustedDocuments?.mode === 'log') {
        const operationName = getOperationAST(prepared.document, payload.operationName)?.name?.value;
        trustedDocuments.noteIfUntrusted(admitted.query, undefined, documentSender(connection, operationName, logger));
      }
      const abort = new AbortController();
      const contextFor = () => options.context(connection, abort.signal);
      const contextValue = contextFor();
      eventContexts.set(contextValue, contextFor);
      // Who watches what: the subscription's lines name its caller, never the token.
      const fields = { operation: payload.operationName ?? undefined, type: 'subscription', ...callerLogFields(contextValue.caller) };
      if (!operations.has(connection)) operations.set(connection, new Map());
      operations.get(connection)!.set(id, { abort, log: contextValue.log, fields, started: performance.now() });
      contextValue.log.info(fields, 'graphql subscription started');
      return { ...prepared, contextValue };
    },
    subscribe: (args) => {
      const context = args.contextValue as GraphQLContext;
      const endsAt = context.caller.kind === 'token' ? { at: context.caller.expiresAt, error: requestError('UNAUTHENTICATED', TOKEN_EXPIRED) } : undefined;
      return subscribeWithContextPerEvent(args, eventContexts.get(context)!, endsAt);
    },
    onComplete: (connection, id) => endOperation(connection, id),
    onNext: (_connection, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: result.errors.map((error) => policy.formatGraphQLError(error)) } : result,
    onError: (_connection, _id, _payload, errors) => errors.map((error) => policy.formatGraphQLError(error)),
  });
  return serveGraphQLWs(server, wsServer, logger);
}

interface RunningSubscription {
  abort: AbortController;
  log: Logger;
  fields: Record<string, unknown>;
  started: number;
}

interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

const TOKEN_EXPIRED = 'The access token expired: connect again with a new one.';

function tokenExpired(caller: Caller | undefined): boolean {
  return caller?.kind === 'token' && caller.expiresAt <= Date.now();
}

/** A close frame's reason holds at most 123 bytes. */
function closeReason({ code, message }: CallerRefusal): string {
  return Buffer.from(`${code}: ${message}`).subarray(0, 123).toString().replace(/\uFFFD$/, '');
}

function upgradeRefusal(request: http.IncomingMessage, path: string, origins: OriginPolicy, draining: boolean): Refusal | undefined {
  if (new URL(request.url ?? '/', 'http://gateway').pathname !== path) return { status: 404, code: 'NOT_FOUND', message: `WebSocket connections go to ${path}.` };
  if (!origins.allowsWebSocket(request)) {
    return { status: 403, code: 'FORBIDDEN', message: 'This Origin may not open a WebSocket to the gateway (CORS_ORIGINS lists the ones that may).' };
  }
  if (draining) return { status: 503, code: 'UNAVAILABLE', message: 'The gateway is shutting down.' };
  return undefined;
}

/** Answers the upgrade request as plain HTTP, before any WebSocket or GraphQL work. */
function refuseUpgrade(socket: Duplex, { status, code, message, headers = {} }: Refusal): void {
  const body = JSON.stringify(requestErrorBody(code, message));
  const extraHeaders = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\n${extraHeaders}` +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The payload as it runs under PERSISTED_DOCUMENTS: an id (in `extensions.persistedQuery` or
 * `documentId`) runs its listed text, whatever `query` came with it; else the mode decides.
 */
function admitDocument(trusted: TrustedDocuments, connection: Connection, payload: SubscribePayload, logger: Logger): SubscribePayload | GraphQLError {
  const admission = trusted.admit(payload as SubscribePayload & { documentId?: unknown }, documentSender(connection, payload.operationName, logger));
  if (admission.kind === 'refused') return admission.error;
  return admission.kind === 'listed' ? { ...payload, query: admission.document.body } : payload;
}

/** Who sent a subscription: the app its upgrade request's apollographql-client-* headers name. */
function documentSender(connection: Connection, operationName: string | null | undefined, log: Logger): DocumentSender {
  const { headers } = connection.extra.request;
  return { operationName, client: clientIdentityOf({ get: (name) => headerValue(headers[name]) }), log };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The execution arguments of a subscription, or why it may not run. */
function prepareSubscription(
  schema: GraphQLSchema,
  policy: OperationPolicy,
  limits: WebSocketLimits,
  connection: Connection,
  payload: SubscribePayload,
): Omit<ExecutionArgs, 'contextValue'> | readonly GraphQLError[] {
  // graphql-ws registered this operation before calling us, so it is counted already.
  if (Object.keys(connection.subscriptions).length > limits.maxSubscriptionsPerConnection) {
    return [requestError('SUBSCRIPTION_LIMIT_EXCEEDED', `A connection may hold at most ${limits.maxSubscriptionsPerConnection} subscriptions at once.`)];
  }
  const unparsable = policy.sourceError(payload.query);
  if (unparsable) return [unparsable];
  let document: DocumentNode;
  try {
    document = parse(payload.query, policy.parseOptions);
  } catch (error) {
    return [withCode(error as GraphQLError, ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)];
  }
  const invalid = validate(schema, document, [...specifiedRules, ...policy.validationRules]);
  if (invalid.length) return invalid.map((error) => withCode(error, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED));
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return [requestError(ApolloServerErrorCode.BAD_REQUEST, 'The document names no operation to run (operationName).')];
  if (operation.operation !== 'subscription') {
    return [requestError(ApolloServerErrorCode.BAD_REQUEST, `Only subscriptions run over WebSocket; send ${operation.operation === 'query' ? 'queries' : 'mutations'} over HTTP POST.`)];
  }
  const refused = policy.operationErrors({ schema, document, operationName: payload.operationName, variables: payload.variables });
  if (refused.length) return refused;
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}

/** Array.isArray, which does not narrow a readonly array away. */
function isErrors<T extends object>(value: T | readonly GraphQLError[]): value is readonly GraphQLError[] {
  return Array.isArray(value);
}

function requestError(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}
