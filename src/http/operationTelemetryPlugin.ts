import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLContext } from '../graphql/context';
import { errorCode, loggableMessage } from '../graphql/errors';
import { clientIdentityOf } from '../observability/clientAwareness';
import type { GatewayMetrics } from '../observability/metrics';

/**
 * Every GraphQL operation over HTTP in the log and the metrics: its name, type, outcome, error
 * codes and vendor calls on the request's one log line, and a line per error, all under the
 * request's id; a duration observation by operation and outcome, its vendor calls (the product
 * metric of DESIGN.md section 4), and a count per error code. Variables are not logged, nor
 * error messages that may quote them (loggableMessage).
 */
export function operationTelemetryPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      const codes: string[] = [];
      return {
        async didEncounterErrors({ errors, operationName, contextValue }) {
          for (const error of errors) {
            const code = errorCode(error);
            codes.push(code);
            const fields = { operation: operationName ?? undefined, code, path: error.path?.join('.') };
            const message = `graphql error: ${loggableMessage(error)}`;
            // A bug gets its stack; a vendor in trouble a warning; a client's mistake a note.
            if (code === 'INTERNAL_SERVER_ERROR') contextValue.log.error({ ...fields, err: unwrapResolverError(error) }, message);
            else if (code.startsWith('UPSTREAM_')) contextValue.log.warn(fields, message);
            else contextValue.log.info(fields, message);
          }
        },
        async willSendResponse({ operation, operationName, request, response, contextValue }) {
          const seconds = (performance.now() - started) / 1000;
          const hasData = response.body.kind === 'single' && response.body.singleResult.data != null;
          const outcome = codes.length === 0 ? 'success' : hasData ? 'partial' : 'error';
          const type = operation?.operation ?? 'unknown';
          // An operation that never resolved (a parse or validation failure) has no trusted name.
          const operationLabel = metrics.operationLabel(operation ? (operationName ?? 'anonymous') : 'invalid');
          metrics.operations.observe({ operation: operationLabel, type, outcome }, seconds);
          const client = clientIdentityOf(request.http?.headers);
          metrics.clientOperations.inc({ ...metrics.clientLabels(client.name, client.version), operation: operationLabel, outcome });
          for (const code of codes) metrics.operationErrors.inc({ operation: operationLabel, code });
          const upstreamCalls = contextValue.scope.calls.toJSON();
          for (const [vendor, calls] of Object.entries(upstreamCalls)) metrics.operationUpstreamCalls.observe({ operation: operationLabel, vendor }, calls);
          // Over HTTP the operation joins its request's one log line (src/http/requestLog.ts).
          if (contextValue.logFields) {
            Object.assign(contextValue.logFields, {
              operation: operationName ?? undefined,
              type,
              outcome,
              errorCodes: codes.length ? [...new Set(codes)] : undefined,
              upstreamCalls,
              clientName: client.name,
              clientVersion: client.version,
            });
          }
        },
      };
    },
  };
}
