import { describe, expect, it } from 'vitest';
import { buildSchema, execute, isObjectType, parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { enforceBudgets, oneTimeout, startBudget } from './budget.js';

/** A schema from SDL with resolvers by type and field (graphql-tools' makeExecutableSchema, in small). */
function makeExecutableSchema(
  sdl: string,
  resolvers: Record<string, Record<string, GraphQLFieldResolver<never, unknown>>>,
): GraphQLSchema {
  const schema = buildSchema(sdl);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
    for (const [name, resolve] of Object.entries(fields)) type.getFields()[name]!.resolve = resolve as never;
  }
  return schema;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // a synchronous step, as the embedded SQLite's queries are
  }
};

function fixture() {
  const calls = { slow: 0, written: false };
  const schema = enforceBudgets(
    makeExecutableSchema(
      `type Query { slow: String fast: String items: [Item!]! }
       type Item { value: Int! }
       type Mutation { write: String }`,
      {
        Query: {
          slow: async () => {
            calls.slow += 1;
            await sleep(1000);
            return 'late';
          },
          fast: () => 'now',
          items: () => Array.from({ length: 100 }, (_, i) => ({ value: i })),
        },
        Item: {
          value: (item: { value: number }) => {
            busy(2);
            return item.value;
          },
        },
        Mutation: {
          write: async () => {
            await sleep(200);
            calls.written = true;
            return 'written';
          },
        },
      },
    ),
    20,
  );
  const run = (query: string, budgetMs: number | null) => {
    const contextValue = {};
    if (budgetMs !== null) startBudget(contextValue, budgetMs);
    return execute({ schema, document: parse(query), contextValue });
  };
  return { calls, run };
}

describe('the time budget of an operation', () => {
  it('should answer TIMEOUT once the budget is spent, without waiting for a slow resolver', async () => {
    const { run } = fixture();
    const started = performance.now();
    const result = await run('{ fast slow }', 50);
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.data).toEqual({ fast: 'now', slow: null });
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['TIMEOUT']);
  });

  it('should start no resolver once the budget is spent', async () => {
    const { run, calls } = fixture();
    const result = await run('{ slow }', 0);
    expect(calls.slow).toBe(0);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'TIMEOUT', budgetMs: 0 });
  });

  it("should let a mutation's own field finish: its answer never hides a committed write", async () => {
    const { run, calls } = fixture();
    const result = await run('mutation { write }', 50);
    expect(calls.written).toBe(true);
    expect(result).toEqual({ data: { write: 'written' } });
  });

  it('should leave operations without a budget (subscription events) alone', async () => {
    const { run } = fixture();
    const result = await run('{ fast }', null);
    expect(result).toEqual({ data: { fast: 'now' } });
  });

  it('should report TIMEOUT once in the answer however many resolvers it cut', () => {
    const errors = [
      { message: 'a', extensions: { code: 'TIMEOUT' } },
      { message: 'b', extensions: { code: 'NOT_FOUND' } },
      { message: 'c', extensions: { code: 'TIMEOUT' } },
    ];
    expect(oneTimeout(errors).map((e) => e.message)).toEqual(['a', 'b']);
  });
});

describe('a long run of resolvers', () => {
  it('should let the event loop turn every 20 ms or so, so that /healthz is read during it', async () => {
    const { run } = fixture();
    // 100 resolvers of 2 ms each, all synchronous: 200 ms in one run without the steps aside.
    let firedAfter = Infinity;
    const started = performance.now();
    setImmediate(() => (firedAfter = performance.now() - started));
    const result = await run('{ items { value } }', 5_000);
    expect(result.errors).toBeUndefined();
    expect(firedAfter).toBeLessThan(100);
  });
});
