import { Migration } from '@mikro-orm/migrations';

/**
 * Ballots that count exactly and keep secret ballots secret at rest:
 * - a sealed ballot box apart from the voter list, and every idempotency key a vote was accepted with;
 * - the tally is written at close only, and the database refuses counts that are negative, that move while the
 *   ballot is open, or that do not add up to the voices cast;
 * - one open ballot per item.
 * Named ballots whose counters drifted (a concurrent vote change, before this version) are recounted from their
 * recorded votes.
 */
export class Migration20261129000000_ballot_box extends Migration {
  override async up(): Promise<void> {
    const [open] = await this.execute(
      `select count(*) as n from "ballot" b where b."status" = 'OPEN' and b."kind" = 'SECRET' and exists (select 1 from "ballot_participation" p where p."ballot_id" = b."id")`,
    );
    if (Number(open?.n ?? 0) > 0) {
      throw new Error('A secret ballot is open with votes in it: close it with the previous version, then upgrade.');
    }
    this.addSql(
      `create table "ballot_box" ("id" uuid not null, "ballot_id" uuid not null, "sealed" text not null, constraint "ballot_box_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "ballot_box_ballot_id_index" on "ballot_box" ("ballot_id");`);
    this.addSql(
      `alter table "ballot_box" add constraint "ballot_box_ballot_id_foreign" foreign key ("ballot_id") references "ballot" ("id") on update cascade;`,
    );
    this.addSql(
      `create table "vote_key" ("key" varchar(100) not null, "ballot_id" uuid not null, "voter_id" uuid not null, constraint "vote_key_pkey" primary key ("key"));`,
    );
    this.addSql(`create index "vote_key_ballot_id_index" on "vote_key" ("ballot_id");`);
    this.addSql(
      `alter table "vote_key" add constraint "vote_key_ballot_id_foreign" foreign key ("ballot_id") references "ballot" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "vote_key" add constraint "vote_key_voter_id_foreign" foreign key ("voter_id") references "person" ("id") on update cascade;`,
    );
    this.addSql(
      `insert into "vote_key" ("key", "ballot_id", "voter_id") select "idempotency_key", "ballot_id", "voter_id" from "ballot_participation";`,
    );
    this.addSql(`alter table "ballot_participation" drop constraint "ballot_participation_idempotency_key_unique";`);
    this.addSql(`alter table "ballot_participation" drop column "idempotency_key";`);
    this.addSql(`update "ballot" b set
      "for_count" = (select count(*) from "ballot_participation" p where p."ballot_id" = b."id" and p."choice" = 'FOR'),
      "against_count" = (select count(*) from "ballot_participation" p where p."ballot_id" = b."id" and p."choice" = 'AGAINST'),
      "abstain_count" = (select count(*) from "ballot_participation" p where p."ballot_id" = b."id" and p."choice" = 'ABSTAIN')
      where b."kind" = 'NAMED';`);
    this.addSql(
      `update "ballot" set "for_count" = 0, "against_count" = 0, "abstain_count" = 0 where "status" = 'OPEN';`,
    );
    this.addSql(`alter table "ballot" add column "cast_count" int null;`);
    this.addSql(
      `update "ballot" set "cast_count" = "for_count" + "against_count" + "abstain_count" where "status" = 'CLOSED';`,
    );
    this.addSql(
      `alter table "ballot" add constraint "ballot_tally_check" check ("for_count" >= 0 and "against_count" >= 0 and "abstain_count" >= 0 and ("status" = 'CLOSED' or ("cast_count" is null and "for_count" = 0 and "against_count" = 0 and "abstain_count" = 0)) and ("cast_count" is null or "for_count" + "against_count" + "abstain_count" = "cast_count"));`,
    );
    this.addSql(
      `create unique index "ballot_one_open_per_item" on "ballot" ("agenda_item_id") where "status" = 'OPEN';`,
    );
  }
}
