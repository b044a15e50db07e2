import type { MikroORM } from '@mikro-orm/core';

/**
 * Code that only awaits promises which are already settled never lets the event loop turn: the embedded SQLite
 * answers each query synchronously, so a resolver that runs fifty queries, or a thousand small resolvers, is one
 * unbroken run during which no other request, not even `/healthz`, is read. `stepAside` measures how long the
 * current run has lasted and, past `maxSliceMs`, waits for the next turn of the loop (`setImmediate`), letting
 * pending I/O through first.
 */
let sliceStartedAt = performance.now();
let markScheduled = false;

const markNewTurn = () => {
  sliceStartedAt = performance.now();
  markScheduled = false;
};

/** Runs at the next turn of the loop: if the loop turns on its own, the slice starts again there. */
const scheduleMark = () => {
  if (markScheduled) return;
  markScheduled = true;
  setImmediate(markNewTurn);
};

const sliceSpent = (maxSliceMs: number) => performance.now() - sliceStartedAt >= maxSliceMs;

/**
 * Waits for a turn of the loop whose slice is not spent yet. Work resumed by `setImmediate` runs in one go, so each
 * waiter checks again when it resumes: if others used the fresh slice before it, it waits for the next turn.
 */
async function nextFreshTurn(maxSliceMs: number): Promise<void> {
  do {
    scheduleMark();
    await new Promise<void>((resolve) => setImmediate(resolve));
  } while (sliceSpent(maxSliceMs));
}

/**
 * Null while the current run is shorter than `maxSliceMs` (nothing to wait for, no promise made), else a promise
 * that resolves at the next turn of the event loop that has time left.
 */
export function stepAside(maxSliceMs: number): Promise<void> | null {
  scheduleMark();
  return sliceSpent(maxSliceMs) ? nextFreshTurn(maxSliceMs) : null;
}

/**
 * Makes every query of `orm` step aside first when the current run is long. One wrapper on the shared connection
 * covers every entity manager forked from it.
 */
export function stepAsideBeforeQueries(orm: MikroORM, maxSliceMs: number): void {
  for (const type of ['read', 'write'] as const) {
    const connection = orm.em.getConnection(type) as unknown as { execute: (...args: unknown[]) => Promise<unknown> };
    if ((connection.execute as { stepsAside?: boolean }).stepsAside) continue;
    const execute = connection.execute.bind(connection);
    const wrapped = async (...args: unknown[]) => {
      const pause = stepAside(maxSliceMs);
      if (pause) await pause;
      return execute(...args);
    };
    connection.execute = Object.assign(wrapped, { stepsAside: true });
  }
}
