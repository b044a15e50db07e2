import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { initORM } from './db/orm.js';
import { createLogger } from './logger.js';
import { scheduleDailyReminders } from './notification/reminder-schedule.js';
import { databaseFileStore, diskFileStore } from './diagnosis/file-store.js';
import path from 'node:path';

/** `npm start`: open (and migrate) the database, seed the demo basin on first start, serve everything on one port. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger();
  const orm = await initORM(config);
  // the demo's seeders are no part of the running server: loaded only when a demo is asked for
  const demo = config.seedDemo ? await import('./seeders/demo-basin.js') : null;
  if (demo) {
    const files =
      config.attachmentStorage === 'database'
        ? databaseFileStore()
        : diskFileStore(path.join(config.dataDir, 'attachments'));
    const seeded = await demo.seedDemoBasin(orm.em.fork(), files);
    if (seeded) logger.info('demo basin seeded', { basin: 'Valenciennois' });
    if (config.nodeEnv === 'production')
      logger.warn('SEED_DEMO is on in production: the demo accounts share a published password');
  }
  const running = await createApp(config, { orm, logger });
  const url = await running.listen(config.port);
  const stopReminders = scheduleDailyReminders(running.app);
  const database = config.databaseUrl.startsWith('postgres') ? 'PostgreSQL' : config.databaseUrl;
  process.stdout.write(
    [
      '',
      `Agrément is running at ${url}  (GraphQL and websockets at ${url}/graphql, health at ${url}/healthz)`,
      `Database: ${database}${config.redisUrl ? ', events through Redis' : ''}`,
      ...(demo
        ? [
            '',
            `Demo accounts (password: ${demo.DEMO_PASSWORD}):`,
            ...demo.DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(34)} ${a.label}`),
          ]
        : []),
      '',
    ].join('\n'),
  );
  const stop = async (signal: string) => {
    logger.info('stopping', { signal });
    stopReminders();
    await running.close();
    await orm.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else {
    process.stderr.write(
      `Agrément could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
