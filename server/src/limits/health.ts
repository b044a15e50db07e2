import type { MikroORM } from '@mikro-orm/core';
import type { RequestHandler } from 'express';

/**
 * `/healthz` answers from memory: the database is asked `select 1` in the background every `everyMs`, and the
 * probe reads the last answer. Under load the probe so never waits behind a flood of queries for a connection,
 * and still turns 503 within `everyMs` of the database going away.
 */
export function healthCheck(orm: MikroORM, everyMs = 5_000): { route: RequestHandler; stop(): void } {
  let healthy = true;
  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      await orm.em.fork().getConnection().execute('select 1');
      healthy = true;
    } catch {
      healthy = false;
    } finally {
      checking = false;
    }
  };
  void check();
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  return {
    route: (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      if (healthy) res.json({ status: 'ok' });
      else res.status(503).json({ status: 'unavailable' });
    },
    stop: () => clearInterval(timer),
  };
}
