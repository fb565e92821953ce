import type { RequestHandler } from 'express';
import type { OperationPolicy } from '../access/operationPolicy';
import { errorCode } from '../graphql/errors';

/**
 * The policy's checks of a document's text, over HTTP: they must run before Apollo parses it
 * (Apollo has no hook before parsing that can answer a 4xx), after the JSON or multipart body
 * has been read. Refusals answer 400 in the GraphQL response shape.
 */
export function documentSourceCheck(policy: OperationPolicy): RequestHandler {
  return (req, res, next) => {
    const query: unknown = (req.body as { query?: unknown } | undefined)?.query;
    const error = typeof query === 'string' ? policy.sourceError(query) : undefined;
    if (!error) return next();
    const code = errorCode(error);
    req.log.info({ code }, `graphql error: ${error.message}`);
    req.logFields.code = code;
    res.status(400).json({ errors: [policy.formatGraphQLError(error)] });
  };
}
