import type { App } from '../app-services.js';
import { Basin } from '../basin/basin.entity.js';
import { sendReminders } from './reminders.js';

export interface ReminderScheduleOptions {
  /** Delay before the first run, in ms. Default one minute after start. */
  firstRunMs?: number;
  /** Between runs, in ms. Default 24 hours. */
  everyMs?: number;
}

/**
 * Runs the reminders of every basin once a day, the first time a minute after start. The timers are unref'd: they
 * never keep the process alive. Several instances may run it: a reminder's daily unique key sends it only once.
 * Returns a function that stops the schedule.
 */
export function scheduleDailyReminders(app: App, options: ReminderScheduleOptions = {}): () => void {
  const run = async () => {
    try {
      const basins = await app.orm.em.fork().find(Basin, {}, { orderBy: { name: 'asc' } });
      for (const basin of basins) {
        const sent = await sendReminders(app, basin.id);
        if (sent) app.logger.info('reminders sent', { basin: basin.slug, sent });
      }
    } catch (error) {
      app.logger.error('reminders failed', { reason: (error as Error).message });
    }
  };
  let every: NodeJS.Timeout | null = null;
  const first = setTimeout(() => {
    void run();
    every = setInterval(() => void run(), options.everyMs ?? 24 * 3_600_000);
    every.unref();
  }, options.firstRunMs ?? 60_000);
  first.unref();
  return () => {
    clearTimeout(first);
    if (every) clearInterval(every);
  };
}
