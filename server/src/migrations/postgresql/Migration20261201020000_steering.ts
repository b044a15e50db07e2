import { Migration } from '@mikro-orm/migrations';

/**
 * The steering committee: its members' reviews of the committee's decisions (a question goes on the committee's
 * next agenda), and the orientations it gives the basin.
 */
export class Migration20261201020000_steering extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "orientation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "author_id" uuid not null, "title" varchar(200) not null, "text" text not null, constraint "orientation_pkey" primary key ("id"));`);
    this.addSql(`create index "orientation_basin_idx" on "orientation" ("basin_id");`);
    this.addSql(`create table "decision_review" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "decision_id" uuid not null, "reviewer_id" uuid not null, "verdict" text check ("verdict" in ('VALIDATED', 'QUESTIONED')) not null, "comment" text not null, "agenda_item_id" uuid null, constraint "decision_review_pkey" primary key ("id"));`);
    this.addSql(`create index "decision_review_basin_idx" on "decision_review" ("basin_id");`);
    this.addSql(`create index "decision_review_decision_idx" on "decision_review" ("decision_id");`);
    this.addSql(`alter table "orientation" add constraint "orientation_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`);
    this.addSql(`alter table "orientation" add constraint "orientation_author_id_foreign" foreign key ("author_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "decision_review" add constraint "decision_review_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`);
    this.addSql(`alter table "decision_review" add constraint "decision_review_decision_id_foreign" foreign key ("decision_id") references "decision" ("id") on update cascade;`);
    this.addSql(`alter table "decision_review" add constraint "decision_review_reviewer_id_foreign" foreign key ("reviewer_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "decision_review" add constraint "decision_review_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on update cascade on delete set null;`);
  }
}
