import type { ApolloServerPlugin } from '@apollo/server';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { GraphQLContext } from '../graphql/context';
import { errorCode } from '../graphql/errors';
import type { Tracing } from '../observability/tracing';

/**
 * A server span per GraphQL operation over HTTP, continuing the caller's trace (traceparent)
 * when it sends one. The span rides on the request's upstream scope, so every vendor call of
 * the operation is its child. Only installed when tracing is configured.
 */
export function tracingPlugin(tracing: Tracing): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const parent = request.http ? tracing.extract(request.http.headers) : ROOT_CONTEXT;
      const span = tracing.tracer.startSpan(
        'graphql',
        { kind: SpanKind.SERVER, attributes: { 'mediagraph.request_id': contextValue.requestId } },
        parent,
      );
      contextValue.scope.trace = trace.setSpan(parent, span);
      return {
        async executionDidStart({ operation, operationName }) {
          span.updateName(operationName ? `${operation.operation} ${operationName}` : operation.operation);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        async didEncounterErrors({ errors }) {
          const codes = [...new Set(errors.map(errorCode))];
          span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') }).setAttribute('mediagraph.error_codes', codes);
        },
        async willSendResponse() {
          span.end();
        },
      };
    },
  };
}
