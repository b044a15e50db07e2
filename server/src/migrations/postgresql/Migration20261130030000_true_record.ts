import { Migration } from '@mikro-orm/migrations';

/**
 * A true record: why delivered days went above a pledge; who presided a session, and why it opened on another day
 * than scheduled.
 */
export class Migration20261130030000_true_record extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "follow_up_report" add column "overrun_justifications" jsonb not null default '{}';`);
    this.addSql(`alter table "meeting" add column "presided_by_id" uuid null, add column "opening_reason" text null;`);
    this.addSql(
      `alter table "meeting" add constraint "meeting_presided_by_id_foreign" foreign key ("presided_by_id") references "person" ("id") on update cascade on delete set null;`,
    );
  }
}
