import { Migration } from '@mikro-orm/migrations';

/**
 * The contributions ledger and the treasury: a contribution's origin, kind (cash or in kind), day received, whether it
 * endows the advances fund, who recorded it and which entry it corrects; the movements recorded by hand on the two
 * accounts; the day an advance defaulted. Existing contributions take the origin of their organisation's kind, and
 * each convention's endowment of the advances fund becomes an endowment movement on its first day.
 */
export class Migration20261201000000_treasury extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "treasury_movement" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "basin_id" uuid not null, "account" text check ("account" in ('ADVANCES_FUND', 'RUNNING_COSTS')) not null, "kind" text check ("kind" in ('ENDOWMENT', 'EXPENSE', 'DISBURSEMENT', 'REPAYMENT', 'LOSS')) not null, "amount" int not null, "occurred_on" date not null, "label" varchar(255) not null, "recorded_by_id" uuid null, "reverses_id" uuid null, constraint "treasury_movement_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "treasury_movement_basin_id_account_occurred_on_index" on "treasury_movement" ("basin_id", "account", "occurred_on");`,
    );
    this.addSql(
      `alter table "treasury_movement" add constraint "treasury_movement_basin_id_foreign" foreign key ("basin_id") references "basin" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "treasury_movement" add constraint "treasury_movement_reverses_unique" unique ("reverses_id");`,
    );
    this.addSql(
      `alter table "treasury_movement" add constraint "treasury_movement_reverses_id_foreign" foreign key ("reverses_id") references "treasury_movement" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "treasury_movement" add constraint "treasury_movement_recorded_by_id_foreign" foreign key ("recorded_by_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "contribution" add column "origin" text check ("origin" in ('COMPANIES', 'TERRITORIAL_ACTORS', 'COLLECTIVITIES', 'STATE_AND_CDC', 'REVITALISATION', 'EUROPEAN_SOCIAL_FUND')) not null default 'COMPANIES', add column "kind" text check ("kind" in ('CASH', 'IN_KIND')) not null default 'CASH', add column "received_on" date null, add column "to_advances_fund" boolean not null default false, add column "recorded_by_id" uuid null, add column "corrects_id" uuid null, add column "correction_reason" text null, add column "superseded_at" timestamptz null;`,
    );
    this.addSql(
      `alter table "contribution" add constraint "contribution_recorded_by_id_foreign" foreign key ("recorded_by_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "contribution" add constraint "contribution_corrects_id_foreign" foreign key ("corrects_id") references "contribution" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `update "contribution" c set "origin" = case o."kind" when 'PARTNER_COMPANY' then 'COMPANIES' when 'COLLECTIVITY' then 'COLLECTIVITIES' when 'STATE' then 'STATE_AND_CDC' when 'CDC' then 'STATE_AND_CDC' else 'TERRITORIAL_ACTORS' end from "organisation" o where o."id" = c."organisation_id";`,
    );
    this.addSql(`alter table "contribution" alter column "origin" drop default;`);

    this.addSql(`alter table "advance" add column "defaulted_on" date null;`);

    this.addSql(
      `insert into "treasury_movement" ("id", "created_at", "updated_at", "basin_id", "account", "kind", "amount", "occurred_on", "label") select gen_random_uuid(), c."created_at", c."created_at", c."basin_id", 'ADVANCES_FUND', 'ENDOWMENT', c."advances_fund_endowment", c."starts_on", 'Dotation : ' || c."label" from "triennial_convention" c where c."advances_fund_endowment" > 0;`,
    );
  }
}
