import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationPolicy } from '../access/operationPolicy';
import { errorCode } from '../graphql/errors';
import { sendJson } from './errorBody';

/**
 * The policy's checks of a document's text, over HTTP: they must run before Apollo parses it
 * (Apollo has no hook before parsing that can answer a 4xx), after the JSON or multipart body
 * has been read. A refusal answers 400 in the GraphQL response shape (false).
 */
export function documentSourceCheck(policy: OperationPolicy) {
  return (req: IncomingMessage, res: ServerResponse, body: unknown): boolean => {
    const query: unknown = (body as { query?: unknown } | undefined)?.query;
    const error = typeof query === 'string' ? policy.sourceError(query) : undefined;
    if (!error) return true;
    const code = errorCode(error);
    req.log.info({ code }, `graphql error: ${error.message}`);
    req.logFields.code = code;
    sendJson(res, 400, { errors: [policy.formatGraphQLError(error)] });
    return false;
  };
}
