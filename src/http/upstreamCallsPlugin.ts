import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context';

/**
 * Development aid: every response carries `extensions.upstreamCalls`, the vendor calls the
 * operation made ({ acc: 2, total: 2 }), so a frontend developer sees what a query costs.
 */
export const upstreamCallsPlugin: ApolloServerPlugin<GraphQLContext> = {
  // One hooks object for every request: it keeps no state of its own.
  requestDidStart: async () => addUpstreamCalls,
};

const addUpstreamCalls: GraphQLRequestListener<GraphQLContext> = {
  async willSendResponse({ response, contextValue }) {
    if (response.body.kind !== 'single') return;
    response.body.singleResult.extensions = {
      ...response.body.singleResult.extensions,
      upstreamCalls: contextValue.scope.calls.toJSON(),
    };
  },
};
