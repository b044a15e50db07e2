import type { ApolloServerPlugin } from '@apollo/server';
import { budgetOf, oneTimeout } from './budget.js';
import type { RequestLimits } from './limits.js';
import { costError } from './query-limits.js';

/**
 * The HTTP side of the limits that Apollo's options do not cover: the cost, which needs each request's variables
 * (Apollo keeps validated documents, so a validation rule would not see them), and the end of the time budget,
 * whose TIMEOUT the answer carries once.
 */
export function limitsPlugin<TContext extends object>(limits: RequestLimits): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, document, operation, request }) => {
        if (!operation) return;
        // Apollo answers this error's `extensions.http` status (400, like a validation failure), then drops it.
        const refusal = costError(schema, document, operation, request.variables, limits, { http: { status: 400 } });
        if (refusal) throw refusal;
      },
      willSendResponse: async ({ response, contextValue }) => {
        budgetOf(contextValue)?.end();
        if (response.body.kind === 'single' && response.body.singleResult.errors) {
          response.body.singleResult.errors = oneTimeout(response.body.singleResult.errors);
        }
      },
    }),
  };
}
