import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, printSchema } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { CompiledQuery } from 'graphql-jit';
import { JitErrors } from './jitErrors';
import type { Logger } from '../../observability/logger';
import type { GatewayMetrics } from '../../observability/metrics';

/** Apollo Server's gateway interface, taken from its options rather than one more dependency. */
export type ExecutorGateway = NonNullable<ApolloServerOptionsWithGateway<BaseContext>['gateway']>;
type GatewayExecutor = NonNullable<Awaited<ReturnType<ExecutorGateway['load']>>['executor']>;
type SchemaListener = Parameters<ExecutorGateway['onSchemaLoadOrUpdate']>[0];

/** What runs one document: its compiled query, or graphql-js when jit could not compile it. */
type Plan = { compiled: CompiledQuery; errors: JitErrors } | 'graphql-js';

/**
 * Runs operations with graphql-jit through Apollo Server's gateway executor: Apollo still parses,
 * validates (against this schema, with its own and our rules), runs every plugin and formats
 * every error; only `execute` is replaced. Each document is compiled once per operation name and
 * kept in a bounded LRU keyed by Apollo's query hash (its size is the gauge
 * mediagraph_graphql_jit_documents); one jit cannot compile runs on graphql-js.
 */
export function jitGateway(schema: GraphQLSchema, options: { cacheSize: number; logger: Logger; metrics: GatewayMetrics }): ExecutorGateway {
  const plans = new Map<string, Plan>();
  const listeners = new Set<SchemaListener>();
  // Bound once: a labelled child counts without hashing its labels on every request.
  const ranOn = { jit: options.metrics.executions.labels({ executor: 'jit' }), graphqlJs: options.metrics.executions.labels({ executor: 'graphql-js' }) };

  const planFor = (queryHash: string, document: DocumentNode, operationName: string | undefined, resolved: boolean): Plan => {
    const key = `${queryHash}:${operationName ?? ''}`;
    let plan = plans.get(key);
    if (plan !== undefined) {
      // A Map keeps insertion order: moving a hit to the end leaves the least recent one first.
      plans.delete(key);
    } else {
      const compiled = compileQuery(schema, document, operationName);
      if (isCompiledQuery(compiled)) {
        plan = { compiled, errors: new JitErrors(document) };
      } else {
        plan = 'graphql-js';
        // A document whose operation Apollo could not pick is the client's mistake, not jit's.
        const level = resolved ? 'warn' : 'debug';
        options.logger[level]({ queryHash, operation: operationName ?? null, reason: compiled.errors?.[0]?.message }, 'graphql-jit cannot compile this document: graphql-js runs it');
      }
      if (plans.size >= options.cacheSize) plans.delete(plans.keys().next().value!);
    }
    plans.set(key, plan);
    options.metrics.jitDocuments.set(plans.size);
    return plan;
  };

  const executor: GatewayExecutor = async ({ document, request, queryHash, context, operation }) => {
    const { operationName, variables } = request;
    const plan = planFor(queryHash, document, operationName, operation !== undefined);
    if (plan !== 'graphql-js') {
      const { data, errors } = await plan.compiled.query(undefined, context, variables);
      // No `data` at all: the variables were refused before anything ran. graphql-js words those
      // errors (and marks them on the variable's definition, which Apollo reads to answer 400).
      if (data !== undefined) {
        ranOn.jit.inc();
        return errors ? { data, errors: plan.errors.asGraphQLJs(errors) } : { data };
      }
    }
    ranOn.graphqlJs.inc();
    return execute({ schema, document, contextValue: context, variableValues: variables, operationName });
  };

  return {
    onSchemaLoadOrUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async load() {
      // Apollo takes the schema from this event (it validates against it) and the executor from
      // here; the SDL is read only by Apollo's schema and usage reporting, which need an Apollo key.
      const coreSupergraphSdl = printSchema(schema);
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl });
      return { executor };
    },
    async stop() {
      plans.clear();
      options.metrics.jitDocuments.set(0);
    },
  };
}
