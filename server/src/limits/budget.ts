import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { AppError, ErrorCode } from '../errors.js';
import { stepAside } from './event-loop.js';

/**
 * The time budget of one operation, started when its context is built. Once spent, no resolver starts any more,
 * and those still waiting are answered at once with TIMEOUT (what they were waiting for finishes unread).
 */
export class OperationBudget {
  private readonly startedAt = performance.now();
  private expiry: Promise<never> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly budgetMs: number) {}

  get spent(): boolean {
    return performance.now() - this.startedAt >= this.budgetMs;
  }

  /** `work`, or a TIMEOUT rejection when the budget runs out first. */
  race<T>(work: Promise<T>): Promise<T> {
    if (!this.expiry) {
      this.expiry = new Promise<never>((_resolve, reject) => {
        const left = Math.max(0, this.budgetMs - (performance.now() - this.startedAt));
        this.timer = setTimeout(() => reject(timeoutError(this.budgetMs)), left);
        this.timer.unref();
      });
      this.expiry.catch(() => undefined); // nobody may be racing any more when it fires
    }
    return Promise.race([work, this.expiry]);
  }

  /** The operation is answered: drop the timer. */
  end(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

export const timeoutError = (budgetMs: number): AppError =>
  new AppError(ErrorCode.TIMEOUT, `The operation took longer than ${budgetMs / 1000} s and was stopped`, { budgetMs });

/**
 * Where an operation's budget rides on its context object, under a symbol so that the context type stays the
 * features' own. A property rather than a WeakMap: Apollo hands resolvers a shallow copy of the context, which
 * copies it.
 */
const BUDGET = Symbol('operation budget');

export function startBudget(context: object, budgetMs: number): OperationBudget {
  const budget = new OperationBudget(budgetMs);
  Object.defineProperty(context, BUDGET, { value: budget, enumerable: true });
  return budget;
}

export const budgetOf = (context: unknown): OperationBudget | undefined =>
  typeof context === 'object' && context !== null
    ? ((context as { [BUDGET]?: OperationBudget })[BUDGET] ?? undefined)
    : undefined;

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

const WRAPPED = Symbol('budgeted');

/**
 * Wraps every field resolver of `schema` (in place) so that it checks its operation's budget before it starts,
 * steps aside when the event loop has been busy for `maxSliceMs`, and gives up waiting once the budget is spent.
 * A mutation's own field, once started, is awaited to its end whatever the budget: its answer must not hide a
 * change that was committed. Operations without a budget (subscription events) are left alone.
 */
export function enforceBudgets(schema: GraphQLSchema, maxSliceMs: number): GraphQLSchema {
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      if ((resolve as { [WRAPPED]?: boolean })[WRAPPED]) continue;
      const isWrite = type === mutationType;
      const budgeted: typeof resolve = (source, args, context, info) => {
        const budget = budgetOf(context);
        if (!budget) return resolve(source, args, context, info);
        if (budget.spent) throw timeoutError(budget.budgetMs);
        const pause = stepAside(maxSliceMs);
        const result = pause
          ? pause.then(() => {
              if (budget.spent) throw timeoutError(budget.budgetMs);
              return resolve(source, args, context, info);
            })
          : resolve(source, args, context, info);
        return isPromise(result) && !isWrite ? budget.race(result) : result;
      };
      field.resolve = Object.assign(budgeted, { [WRAPPED]: true });
    }
  }
  return schema;
}

/**
 * Every resolver cut by the budget reports TIMEOUT; the answer carries it once (with whatever else went wrong).
 */
export function oneTimeout<T extends { extensions?: { code?: unknown } }>(errors: readonly T[]): T[] {
  let seen = false;
  return errors.filter((error) => {
    if (error.extensions?.code !== ErrorCode.TIMEOUT) return true;
    if (seen) return false;
    seen = true;
    return true;
  });
}
