import { Migration } from '@mikro-orm/migrations';

/**
 * The partnership convention's lifecycle: when it was signed, the convention it renews, its budget annex; its
 * partners with their commitments and signatures; its specific objectives. Conventions that exist already are in
 * force: they count as signed on the day they were recorded.
 */
export class Migration20261202000000_partnership extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`convention_partner\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`convention_id\` text not null, \`organisation_id\` text not null, \`commitments\` json not null, \`signed_on\` date null, \`signatory_name\` text null, \`signature_recorded_at\` datetime null, \`signature_recorded_by_id\` text null, constraint \`convention_partner_convention_id_foreign\` foreign key(\`convention_id\`) references \`triennial_convention\`(\`id\`) on update cascade, constraint \`convention_partner_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`convention_partner_signature_recorded_by_id_foreign\` foreign key(\`signature_recorded_by_id\`) references \`person\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`convention_partner_convention_id_index\` on \`convention_partner\` (\`convention_id\`);`);
    this.addSql(
      `create index \`convention_partner_organisation_id_index\` on \`convention_partner\` (\`organisation_id\`);`,
    );
    this.addSql(
      `create index \`convention_partner_signature_recorded_by_id_index\` on \`convention_partner\` (\`signature_recorded_by_id\`);`,
    );
    this.addSql(
      `create unique index \`convention_partner_convention_id_organisation_id_unique\` on \`convention_partner\` (\`convention_id\`, \`organisation_id\`);`,
    );

    this.addSql(
      `create table \`convention_objective\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`convention_id\` text not null, \`position\` integer not null, \`label\` text not null, \`target\` double not null, \`unit\` text not null, \`signed_target\` double null, \`amendment_reason\` text null, \`amended_at\` datetime null, \`amended_by_id\` text null, constraint \`convention_objective_convention_id_foreign\` foreign key(\`convention_id\`) references \`triennial_convention\`(\`id\`) on update cascade, constraint \`convention_objective_amended_by_id_foreign\` foreign key(\`amended_by_id\`) references \`person\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`convention_objective_convention_id_index\` on \`convention_objective\` (\`convention_id\`);`,
    );
    this.addSql(
      `create index \`convention_objective_amended_by_id_index\` on \`convention_objective\` (\`amended_by_id\`);`,
    );

    this.addSql(`alter table \`triennial_convention\` add column \`signed_at\` datetime null;`);
    this.addSql(
      `alter table \`triennial_convention\` add column \`renews_id\` text null constraint \`triennial_convention_renews_id_foreign\` references \`triennial_convention\` (\`id\`) on update cascade on delete set null;`,
    );
    this.addSql(`alter table \`triennial_convention\` add column \`annex_resources\` json not null default '[]';`);
    this.addSql(`alter table \`triennial_convention\` add column \`annex_uses\` json not null default '[]';`);
    this.addSql(
      `create unique index \`triennial_convention_renews_id_unique\` on \`triennial_convention\` (\`renews_id\`);`,
    );
    this.addSql(`update \`triennial_convention\` set \`signed_at\` = \`created_at\`;`);
  }
}
