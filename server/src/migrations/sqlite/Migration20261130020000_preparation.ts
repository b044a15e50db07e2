import { Migration } from '@mikro-orm/migrations';

/**
 * Preparing sessions: a meeting can be cancelled (status CANCELLED, with its reason and when), remembers when it was
 * convened and how many times its invitation changed (the .ics SEQUENCE); an EXPERT membership is scoped to one
 * project.
 *
 * SQLite cannot change a CHECK, and the meeting table cannot be rebuilt like membership was: eight tables refer to
 * it, and with foreign keys on, dropping it would run their ON DELETE actions. SQLite documents editing the stored
 * CREATE TABLE text for exactly this case (a CHECK that only widens, so every row still satisfies it); the schema
 * version is then bumped so that every connection reads the new text.
 */
export class Migration20261130020000_preparation extends Migration {
  override async up(): Promise<void> {
    const rows = await this.execute('pragma schema_version');
    const version = Number(Object.values(rows[0] ?? {})[0] ?? 0);
    this.addSql('pragma writable_schema = on;');
    this.addSql(
      `update sqlite_master set sql = replace(sql, '''PLANNED'', ''CONVENED'', ''OPEN'', ''CLOSED'')', '''PLANNED'', ''CONVENED'', ''OPEN'', ''CLOSED'', ''CANCELLED'')') where type = 'table' and name = 'meeting';`,
    );
    this.addSql(`pragma schema_version = ${version + 1};`);
    this.addSql('pragma writable_schema = off;');
    this.addSql('alter table `meeting` add column `cancellation_reason` text null;');
    this.addSql('alter table `meeting` add column `cancelled_at` datetime null;');
    this.addSql('alter table `meeting` add column `convened_at` datetime null;');
    this.addSql('alter table `meeting` add column `calendar_sequence` integer not null default 0;');
    this.addSql(
      'alter table `membership` add column `project_id` text null constraint `membership_project_id_foreign` references `project` (`id`) on delete cascade on update cascade;',
    );
    this.addSql('create index `membership_project_id_index` on `membership` (`project_id`);');
  }
}
