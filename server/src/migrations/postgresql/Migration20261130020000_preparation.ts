import { Migration } from '@mikro-orm/migrations';

/**
 * Preparing sessions: a meeting can be cancelled (status CANCELLED, with its reason and when), remembers when it was
 * convened and how many times its invitation changed (the .ics SEQUENCE); an EXPERT membership is scoped to one
 * project.
 */
export class Migration20261130020000_preparation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "meeting" drop constraint if exists "meeting_status_check";`);
    this.addSql(
      `alter table "meeting" add constraint "meeting_status_check" check ("status" in ('PLANNED', 'CONVENED', 'OPEN', 'CLOSED', 'CANCELLED'));`,
    );
    this.addSql(`alter table "meeting" add column "cancellation_reason" text null;`);
    this.addSql(`alter table "meeting" add column "cancelled_at" timestamptz null;`);
    this.addSql(`alter table "meeting" add column "convened_at" timestamptz null;`);
    this.addSql(`alter table "meeting" add column "calendar_sequence" int not null default 0;`);
    this.addSql(`alter table "membership" add column "project_id" uuid null;`);
    this.addSql(
      `alter table "membership" add constraint "membership_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "membership_project_id_index" on "membership" ("project_id");`);
  }
}
