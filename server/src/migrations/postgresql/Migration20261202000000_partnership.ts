import { Migration } from '@mikro-orm/migrations';

/**
 * The partnership convention's lifecycle: when it was signed, the convention it renews, its budget annex; its
 * partners with their commitments and signatures; its specific objectives. Conventions that exist already are in
 * force: they count as signed on the day they were recorded.
 */
export class Migration20261202000000_partnership extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "convention_partner" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "convention_id" uuid not null, "organisation_id" uuid not null, "commitments" jsonb not null, "signed_on" date null, "signatory_name" varchar(200) null, "signature_recorded_at" timestamptz null, "signature_recorded_by_id" uuid null, constraint "convention_partner_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "convention_partner_convention_id_index" on "convention_partner" ("convention_id");`);
    this.addSql(
      `alter table "convention_partner" add constraint "convention_partner_convention_id_organisation_id_unique" unique ("convention_id", "organisation_id");`,
    );
    this.addSql(
      `create table "convention_objective" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "convention_id" uuid not null, "position" int not null, "label" varchar(200) not null, "target" double precision not null, "unit" varchar(40) not null, "signed_target" double precision null, "amendment_reason" text null, "amended_at" timestamptz null, "amended_by_id" uuid null, constraint "convention_objective_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "convention_objective_convention_id_index" on "convention_objective" ("convention_id");`);
    this.addSql(
      `alter table "convention_partner" add constraint "convention_partner_convention_id_foreign" foreign key ("convention_id") references "triennial_convention" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "convention_partner" add constraint "convention_partner_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "convention_partner" add constraint "convention_partner_signature_recorded_by_id_foreign" foreign key ("signature_recorded_by_id") references "person" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "convention_objective" add constraint "convention_objective_convention_id_foreign" foreign key ("convention_id") references "triennial_convention" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "convention_objective" add constraint "convention_objective_amended_by_id_foreign" foreign key ("amended_by_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "triennial_convention" add column "signed_at" timestamptz null, add column "renews_id" uuid null, add column "annex_resources" jsonb not null default '[]', add column "annex_uses" jsonb not null default '[]';`,
    );
    this.addSql(`alter table "triennial_convention" alter column "annex_resources" drop default;`);
    this.addSql(`alter table "triennial_convention" alter column "annex_uses" drop default;`);
    this.addSql(
      `alter table "triennial_convention" add constraint "triennial_convention_renews_id_foreign" foreign key ("renews_id") references "triennial_convention" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "triennial_convention" add constraint "triennial_convention_renews_id_unique" unique ("renews_id");`,
    );
    this.addSql(`update "triennial_convention" set "signed_at" = "created_at";`);
  }
}
