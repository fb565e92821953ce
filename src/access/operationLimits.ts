import { memoize1 } from '@graphql-tools/utils';
import { GraphQLError, Kind, getOperationAST, getVariableValues } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import { listLimits } from './listLimits';
import { operationCoster } from './operationCost';

/** One operation as a transport received it: parsed and validated, variables still raw. */
export interface OperationRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Why an operation may not run: errors with `extensions.code`; each transport says it its own way (HTTP: 400). */
export type OperationLimits = (request: OperationRequest) => readonly GraphQLError[];

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/**
 * What an operation may ask, whichever transport brought it (DESIGN.md section 5): every list no
 * longer than its maximum, and an estimated cost within `GRAPHQL_MAX_COST`. Runs after validation
 * and before execution, so a refused operation makes no vendor call.
 */
export function operationLimits(config: Pick<Config, 'limits' | 'uploads'>): OperationLimits {
  const maxCost = config.limits.cost;
  const checksFor = memoize1((schema: GraphQLSchema) => ({
    overlongLists: listLimits(schema, config.uploads.maxFiles),
    costOf: operationCoster(schema),
  }));

  return ({ schema, document, operationName, variables }) => {
    const operation = getOperationAST(document, operationName);
    if (!operation) return [];
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
    // Variables that do not fit their types are execution's to refuse, with its own message.
    if (!coerced.coerced) return [];
    const { overlongLists, costOf } = checksFor(schema);
    const listErrors = overlongLists(document, coerced.coerced);
    if (listErrors.length) return listErrors;
    const estimated = costOf(operation, fragmentsOf(document), coerced.coerced);
    if (estimated <= maxCost) return [];
    return [
      new GraphQLError(`The operation's estimated cost is ${estimated}, over the limit of ${maxCost}.`, {
        extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated, max: maxCost } },
      }),
    ];
  };
}
