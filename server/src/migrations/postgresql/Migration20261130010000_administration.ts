import { Migration } from '@mikro-orm/migrations';

/**
 * Administration of a basin: chair terms (at most one running term per basin and office), the log of setting
 * changes, an organisation's SIREN and archive date, and invitations without a basin (the national head's).
 */
export class Migration20261130010000_administration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "chair_term" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "person_id" uuid not null, "office" text check ("office" in ('CHAIR', 'VICE_CHAIR')) not null, "started_at" timestamptz not null, "ended_at" timestamptz null, "started_by_id" uuid null, "ended_by_id" uuid null, constraint "chair_term_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "chair_term_basin_id_office_index" on "chair_term" ("basin_id", "office");`);
    this.addSql(
      `create unique index "chair_term_running_unique" on "chair_term" ("basin_id", "office") where "ended_at" is null;`,
    );
    this.addSql(
      `create table "basin_setting_change" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "changed_by_id" uuid not null, "field" varchar(255) not null, "before" text not null, "after" text not null, constraint "basin_setting_change_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "chair_term" add constraint "chair_term_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "chair_term" add constraint "chair_term_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "chair_term" add constraint "chair_term_started_by_id_foreign" foreign key ("started_by_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "chair_term" add constraint "chair_term_ended_by_id_foreign" foreign key ("ended_by_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "basin_setting_change" add constraint "basin_setting_change_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "basin_setting_change" add constraint "basin_setting_change_changed_by_id_foreign" foreign key ("changed_by_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "organisation" add column "siren" varchar(255) null, add column "archived_at" timestamptz null;`,
    );
    this.addSql(`alter table "invitation" drop constraint "invitation_basin_id_foreign";`);
    this.addSql(`alter table "invitation" alter column "basin_id" drop not null;`);
    this.addSql(
      `alter table "invitation" add constraint "invitation_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade on delete set null;`,
    );
  }
}
