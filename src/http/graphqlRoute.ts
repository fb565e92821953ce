import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { ApolloServer, HTTPGraphQLRequest } from '@apollo/server';
import type { Caller } from '../auth/caller';
import type { GraphQLContext } from '../graphql/context';
import { mediaTypeOf, readJsonBody } from './jsonBody';
import type { JsonBodyLimits } from './jsonBody';
import type { Operations } from './multipart/operationsMap';

export const GRAPHQL_PATH = '/graphql';

type Step<T> = (req: IncomingMessage, res: ServerResponse) => Promise<T | undefined>;
/** A middleware of the `cors` package's kind: it answers a preflight itself, else calls `next`. */
type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export interface GraphQLRouteParts {
  apollo: ApolloServer<GraphQLContext>;
  cors: Middleware;
  /** The caller, from `Authorization`, before any body byte is read; undefined: refused. */
  authenticate: Step<Caller>;
  jsonBody: JsonBodyLimits;
  /** A multipart request's operations; undefined: refused (CSRF rule, malformed, too large). */
  multipart: Step<Operations>;
  /** The request as it runs (an id replaced by its trusted text); undefined: refused and answered. */
  admit: (req: IncomingMessage, res: ServerResponse, request: HTTPGraphQLRequest) => HTTPGraphQLRequest | undefined;
  context: (req: IncomingMessage, res: ServerResponse, caller: Caller) => GraphQLContext;
}

/**
 * /graphql on plain node:http, as `@apollo/server/standalone` 5.x serves it: CORS, the caller,
 * one read of the body (JSON with its size limit and deadline, or multipart), the document's
 * admission (trusted documents, the policy's checks of its text), then Apollo's
 * `executeHTTPGraphQLRequest`, whose answer is written once (or chunk by chunk for incremental
 * delivery). Apollo keeps its own rules: CSRF prevention, GET, APQ, the
 * landing page, 405 for other methods.
 */
export function graphqlRoute(parts: GraphQLRouteParts) {
  return (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    // A preflight is answered by cors itself, which then never calls on.
    new Promise<void>((resolve, reject) => parts.cors(req, res, (error) => (error ? reject(error as Error) : resolve()))).then(() => serve(parts, req, res));
}

async function serve(parts: GraphQLRouteParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const caller = await parts.authenticate(req, res);
  if (!caller) return;
  let body: unknown;
  if (mediaTypeOf(req) === 'multipart/form-data') {
    body = await parts.multipart(req, res);
    if (body === undefined) return;
  } else {
    const read = await readJsonBody(req, res, parts.jsonBody);
    if ('refused' in read) return;
    body = read.body;
  }
  const httpGraphQLRequest = parts.admit(req, res, httpGraphQLRequestOf(req, body));
  if (!httpGraphQLRequest) return;
  const response = await parts.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: async () => parts.context(req, res, caller),
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function httpGraphQLRequestOf(req: IncomingMessage, body: unknown): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  // node lower-cases header names; repeated ones are joined as the Fetch API's Headers joins them.
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return { method: req.method!.toUpperCase(), headers, search: query === -1 ? '' : url.slice(query), body };
}
