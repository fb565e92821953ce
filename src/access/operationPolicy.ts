import { ApolloArmor } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { GraphQLError, GraphQLFormattedError, ParseOptions, ValidationRule } from 'graphql';
import type { Config } from '../config';
import { formatError } from '../graphql/errors';
import { documentNestingError } from './documentNesting';
import { operationLimits } from './operationLimits';
import type { OperationRequest } from './operationLimits';
import { variablesDepthError } from './variablesDepth';

/**
 * What a GraphQL operation may do, whichever transport brought it (HTTP or WebSocket). Both
 * transports take every rule from here, so they cannot drift apart: the same parser limits,
 * validation rules (depth, aliases, introspection), error shape and message size.
 */
export interface OperationPolicy {
  readonly production: boolean;
  /** graphql-js parser limits (token count), applied while the document is read. */
  readonly parseOptions: ParseOptions;
  /** Added to graphql-js's specified rules on every transport. */
  readonly validationRules: readonly ValidationRule[];
  /** Largest request body (HTTP) or WebSocket message, in bytes. */
  readonly maxMessageBytes: number;
  /** Checks of the document's text, before it is parsed (its nesting, which the parser recurses on). */
  sourceError(source: string): GraphQLError | undefined;
  /** Checks that need the variables (their depth, the operation's cost): why it may not run. */
  operationErrors(operation: OperationRequest): readonly GraphQLError[];
  /** Every error a client sees, on every transport, goes through here. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** `formatError` for errors not yet serialised (graphql-ws hands those over). */
  formatGraphQLError(error: GraphQLError): GraphQLFormattedError;
}

export function createOperationPolicy(config: Config): OperationPolicy {
  const production = config.mode === 'production';
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.depth },
    maxAliases: { n: config.limits.aliases },
    // Cost needs the variables' list sizes: operationLimits counts it (armor sees literals only).
    costLimit: { enabled: false },
    // Tokens are counted by graphql-js's own parser (parseOptions); field suggestions are
    // removed by formatError, from every message and not only from validation's.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const limits = operationLimits(config);
  const format = (formatted: GraphQLFormattedError, error: unknown) => formatError(formatted, error, production);
  return {
    production,
    parseOptions: { maxTokens: config.limits.tokens },
    // Introspection off in production, as one rule for every transport.
    validationRules: [...armor.validationRules, ...(production ? [NoSchemaIntrospectionCustomRule] : [])],
    maxMessageBytes: config.limits.jsonBodyBytes,
    sourceError: documentNestingError,
    // Depth first: the limits coerce the variables, which recurses.
    operationErrors: (operation) => {
      const tooDeep = variablesDepthError(operation.variables);
      return tooDeep ? [tooDeep] : limits(operation);
    },
    formatError: format,
    formatGraphQLError: (error) => format(error.toJSON(), error),
  };
}

