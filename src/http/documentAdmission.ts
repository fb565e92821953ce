import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPGraphQLRequest } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { OperationPolicy } from '../access/operationPolicy';
import type { DocumentRequest, TrustedDocuments } from '../access/trustedDocuments/trustedDocuments';
import type { TrustedDocument } from '../access/trustedDocuments/manifest';
import { errorCode } from '../graphql/errors';
import { clientIdentityOf } from '../observability/clientAwareness';
import { sendJson } from './errorBody';
import { isJsonObject } from '../jsonObject';

/**
 * What may run, over HTTP, before Apollo parses anything (Apollo has no hook before parsing
 * that can answer a 4xx): the trusted documents (an id becomes its listed text; an unlisted
 * document is refused in `safelist` and `require`), then the policy's checks of the text. The
 * request comes from a JSON or multipart POST body, or a GET's query string. A refusal answers
 * in the GraphQL response shape, and the request comes back undefined.
 */
export function documentAdmission(policy: OperationPolicy, trusted: TrustedDocuments | undefined) {
  return (req: IncomingMessage, res: ServerResponse, request: HTTPGraphQLRequest): HTTPGraphQLRequest | undefined => {
    const sent = documentRequestOf(request);
    if (trusted) {
      const admission = trusted.admit(sent, {
        operationName: typeof sent.operationName === 'string' ? sent.operationName : undefined,
        client: clientIdentityOf(request.headers),
        log: req.log,
      });
      if (admission.kind === 'refused') return void refuse(req, res, policy, admission.error, admission.status, admission.headers);
      // A listed text parsed when its manifest was read: it needs no check of its own.
      if (admission.kind === 'listed') return withListedDocument(request, admission.document);
    }
    const error = typeof sent.query === 'string' ? policy.sourceError(sent.query) : undefined;
    if (error) return void refuse(req, res, policy, error, 400);
    return request;
  };
}

type SentRequest = DocumentRequest & { operationName?: unknown };

function documentRequestOf(request: HTTPGraphQLRequest): SentRequest {
  if (request.method !== 'GET') return isJsonObject(request.body) ? request.body : {};
  const search = new URLSearchParams(request.search);
  return {
    query: search.get('query') ?? undefined,
    documentId: search.get('documentId') ?? undefined,
    operationName: search.get('operationName') ?? undefined,
    extensions: jsonOrUndefined(search.get('extensions')),
  };
}

/** The request with the listed text as its query, and no id left for Apollo's APQ to look up. */
function withListedDocument(request: HTTPGraphQLRequest, document: TrustedDocument): HTTPGraphQLRequest {
  if (request.method === 'GET') {
    const search = new URLSearchParams(request.search);
    search.set('query', document.body);
    search.delete('documentId');
    const extensions = withoutPersistedQuery(jsonOrUndefined(search.get('extensions')));
    if (extensions) search.set('extensions', JSON.stringify(extensions));
    else search.delete('extensions');
    return { ...request, search: `?${search}` };
  }
  const body: Record<string, unknown> = { ...(request.body as Record<string, unknown>), query: document.body };
  delete body['documentId'];
  const extensions = withoutPersistedQuery(body['extensions']);
  if (extensions) body['extensions'] = extensions;
  else delete body['extensions'];
  return { ...request, body };
}

function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (!isJsonObject(extensions)) return undefined;
  const others = { ...extensions };
  delete others['persistedQuery'];
  return Object.keys(others).length ? others : undefined;
}

function refuse(req: IncomingMessage, res: ServerResponse, policy: OperationPolicy, error: GraphQLError, status: number, headers?: Record<string, string>): void {
  const code = errorCode(error);
  req.log.info({ code }, `graphql error: ${error.message}`);
  req.logFields.code = code;
  sendJson(res, status, { errors: [policy.formatGraphQLError(error)] }, headers);
}

function jsonOrUndefined(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Apollo answers a malformed `extensions` itself, with its own 400.
    return undefined;
  }
}
