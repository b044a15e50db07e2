import { describe, expect, it } from 'vitest';
import { Kind, buildSchema, parse, specifiedRules, validate, type OperationDefinitionNode } from 'graphql';
import { costError, documentLimitsRule, measureOperation, type QueryLimits } from './query-limits.js';
import { DEFAULT_LIMITS } from './limits.js';

const schema = buildSchema(`
  type Query {
    organisations(basinId: ID!): [Organisation!]!
    projects(limit: Int! = 50): ProjectPage!
    project(id: ID!): Project
  }
  type ProjectPage { items: [Project!]! totalCount: Int! }
  type Project { id: ID! title: String! needs: [String!]! }
  type Organisation { id: ID! name: String! people: [Membership!]! }
  type Membership { id: ID! organisation: Organisation person: Person! }
  type Person { id: ID! email: String! }
`);

const limits: QueryLimits = { ...DEFAULT_LIMITS, defaultListSize: 10 };

function measure(source: string, variables: Record<string, unknown> | null = null) {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  return measureOperation(schema, operation, (name) => fragments.get(name), limits, variables);
}

const codes = (source: string, custom: Partial<QueryLimits> = {}) =>
  validate(schema, parse(source), [...specifiedRules, documentLimitsRule({ ...limits, ...custom })]).map(
    (error) => error.extensions.code ?? 'GRAPHQL',
  );

/** organisations { people { organisation { people { … id } } } }, `depth` fields deep, the leaf included. */
function cycle(depth: number): string {
  let inner = 'id';
  for (let level = depth - 1; level >= 2; level -= 1) {
    inner = level % 2 === 0 ? `people { ${inner} }` : `organisation { ${inner} }`;
  }
  return `{ organisations(basinId: "b") { ${inner} } }`;
}

describe('depth', () => {
  it('should count one level per field, the leaf included, and none for a fragment', () => {
    expect(measure('{ project(id: "p") { id } }').depth).toBe(2);
    expect(measure('{ project(id: "p") { ...P } } fragment P on Project { id }').depth).toBe(2);
    expect(measure('{ project(id: "p") { ... on Project { id } } }').depth).toBe(2);
  });

  it('should refuse a query deeper than the limit with QUERY_TOO_DEEP', () => {
    expect(codes(cycle(10), { maxDepth: 10 })).toEqual([]);
    expect(codes(cycle(11), { maxDepth: 10 })).toEqual(['QUERY_TOO_DEEP']);
  });

  it('should follow fragments to their depth, whatever their nesting', () => {
    const source = `{ organisations(basinId: "b") { ...A } }
      fragment A on Organisation { people { ...B } }
      fragment B on Membership { organisation { people { person { id } } } }`;
    expect(measure(source).depth).toBe(6);
  });
});

describe('aliases', () => {
  it('should refuse more aliases than the limit with QUERY_TOO_COMPLEX, __typename included', () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect(codes(aliases(15), { maxAliases: 15 })).toEqual([]);
    expect(codes(aliases(16), { maxAliases: 15 })).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('should count an alias inside a fragment at each spread', () => {
    const source = `{ organisations(basinId: "b") { ...F people { organisation { ...F } } } }
      fragment F on Organisation { x: id y: name }`;
    expect(codes(source, { maxAliases: 4 })).toEqual([]);
    expect(codes(source, { maxAliases: 3 })).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

describe('cost', () => {
  it('should count each field once, and a list as many times as the items it may hold', () => {
    expect(measure('{ project(id: "p") { id title } }').cost).toBe(3);
    // 1 (organisations) + 10 × (id + people + 10 × person(1 + email))
    expect(measure('{ organisations(basinId: "b") { id people { person { email } } } }').cost).toBe(
      1 + 10 * (2 + 10 * 2),
    );
  });

  it('should take the size of a page from its limit: literal, variable, or default', () => {
    expect(measure('{ projects(limit: 5) { items { id } } }').cost).toBe(1 + 1 + 5);
    expect(measure('query($n: Int!) { projects(limit: $n) { items { id } } }', { n: 200 }).cost).toBe(1 + 1 + 200);
    expect(measure('query($n: Int! = 7) { projects(limit: $n) { items { id } } }', {}).cost).toBe(1 + 1 + 7);
    expect(measure('{ projects { items { id } } }').cost).toBe(1 + 1 + 50);
  });

  it('should refuse an operation that could return more fields than the limit with QUERY_TOO_COMPLEX', () => {
    const document = parse('query($n: Int!) { projects(limit: $n) { items { id title needs } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(costError(schema, document, operation, { n: 10 }, { ...limits, maxCost: 1000 })).toBeNull();
    const refusal = costError(schema, document, operation, { n: 100_000 }, { ...limits, maxCost: 1000 });
    expect(refusal?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 1000 });
  });

  it('should make the cycle organisations { people { organisation … } } grow past any limit quickly', () => {
    expect(measure(cycle(6)).cost).toBeGreaterThan(1000);
    expect(measure(cycle(10)).cost).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
  });

  it('should measure a fragment once however often it is spread (no exponential walk)', () => {
    // 40 fragments, each spreading the next twice: 2^40 fields once expanded, measured in a blink.
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Project { ${i === 39 ? 'id' : `...F${i + 1} ... on Project { ...F${i + 1} }`} }`,
    );
    const started = performance.now();
    const measured = measure(`{ project(id: "p") { ...F0 } } ${fragments.join(' ')}`);
    expect(performance.now() - started).toBeLessThan(200);
    expect(measured.cost).toBeGreaterThan(2 ** 39);
  });

  it('should stop at a cycle of fragments (graphql refuses it) instead of looping', () => {
    const source = `{ project(id: "p") { ...A } } fragment A on Project { ...B } fragment B on Project { ...A }`;
    expect(() => measure(source)).not.toThrow();
    expect(codes(source)).toContain('GRAPHQL');
  });
});
