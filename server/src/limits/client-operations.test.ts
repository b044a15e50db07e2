import { describe, expect, it } from 'vitest';
import { parse, specifiedRules, validate, type VariableDefinitionNode, Kind } from 'graphql';
import { clientOperations, contractSchema, countTokens } from '../test/client-operations.js';
import { costError, documentLimitsRule, measureOperation } from './query-limits.js';
import { DEFAULT_LIMITS } from './limits.js';

/**
 * No screen may be refused: every operation the client sends passes the default limits, with room to grow. The
 * variables are the worst the client can send: pages of the server's largest size (200).
 */
const schema = contractSchema();
const operations = clientOperations();
const LARGEST_PAGE = 200;

/** Realistic variables: the largest page for `limit`, anything else is irrelevant to the limits. */
function worstVariables(definitions: readonly VariableDefinitionNode[] = []): Record<string, unknown> {
  return Object.fromEntries(
    definitions
      .filter((d) => ['limit', 'first', 'last'].includes(d.variable.name.value))
      .map((d) => [d.variable.name.value, LARGEST_PAGE]),
  );
}

describe('the client’s own operations', () => {
  it('should be found (one per .graphql file, fragments apart)', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(['LiveMeeting', 'Minutes', 'BasinDashboard']));
  });

  it.each(operations.map((o) => [o.name, o] as const))('%s should pass every limit', (_name, operation) => {
    expect(() => parse(operation.source, { maxTokens: DEFAULT_LIMITS.maxTokens })).not.toThrow();
    expect(validate(schema, operation.document, [...specifiedRules, documentLimitsRule(DEFAULT_LIMITS)])).toEqual([]);
    const variables = worstVariables(operation.operation.variableDefinitions);
    expect(costError(schema, operation.document, operation.operation, variables, DEFAULT_LIMITS)).toBeNull();
  });

  it('should stay well inside the limits: half the tokens, depth with 3 levels to spare, a third of the cost', () => {
    const measured = operations.map((operation) => {
      const fragments = new Map(
        operation.document.definitions.flatMap((d) =>
          d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
        ),
      );
      const { depth, cost } = measureOperation(
        schema,
        operation.operation,
        (name) => fragments.get(name),
        DEFAULT_LIMITS,
        worstVariables(operation.operation.variableDefinitions),
      );
      return { name: operation.name, depth, cost, tokens: countTokens(operation.source) };
    });
    const deepest = measured.reduce((a, b) => (b.depth > a.depth ? b : a));
    const costliest = measured.reduce((a, b) => (b.cost > a.cost ? b : a));
    expect(deepest.depth, deepest.name).toBeLessThanOrEqual(DEFAULT_LIMITS.maxDepth - 3);
    expect(costliest.cost, costliest.name).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost / 2.5);
    const longest = measured.reduce((a, b) => (b.tokens > a.tokens ? b : a));
    expect(longest.tokens, longest.name).toBeLessThanOrEqual(DEFAULT_LIMITS.maxTokens / 2);
  });
});
