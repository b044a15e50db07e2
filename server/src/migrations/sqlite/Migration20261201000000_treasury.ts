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
      `create table \`treasury_movement\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`account\` text check (\`account\` in ('ADVANCES_FUND', 'RUNNING_COSTS')) not null, \`kind\` text check (\`kind\` in ('ENDOWMENT', 'EXPENSE', 'DISBURSEMENT', 'REPAYMENT', 'LOSS')) not null, \`amount\` integer not null, \`occurred_on\` date not null, \`label\` text not null, \`recorded_by_id\` text null, \`reverses_id\` text null, constraint \`treasury_movement_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`treasury_movement_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`person\`(\`id\`) on delete set null on update cascade, constraint \`treasury_movement_reverses_id_foreign\` foreign key(\`reverses_id\`) references \`treasury_movement\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(
      `create unique index \`treasury_movement_reverses_unique\` on \`treasury_movement\` (\`reverses_id\`);`,
    );
    this.addSql(`create index \`treasury_movement_basin_id_index\` on \`treasury_movement\` (\`basin_id\`);`);
    this.addSql(
      `create index \`treasury_movement_recorded_by_id_index\` on \`treasury_movement\` (\`recorded_by_id\`);`,
    );
    this.addSql(
      `create index \`treasury_movement_basin_id_account_occurred_on_index\` on \`treasury_movement\` (\`basin_id\`, \`account\`, \`occurred_on\`);`,
    );

    this.addSql(
      `alter table \`contribution\` add column \`origin\` text not null default 'COMPANIES' check (\`origin\` in ('COMPANIES', 'TERRITORIAL_ACTORS', 'COLLECTIVITIES', 'STATE_AND_CDC', 'REVITALISATION', 'EUROPEAN_SOCIAL_FUND'));`,
    );
    this.addSql(
      `alter table \`contribution\` add column \`kind\` text not null default 'CASH' check (\`kind\` in ('CASH', 'IN_KIND'));`,
    );
    this.addSql(`alter table \`contribution\` add column \`received_on\` date null;`);
    this.addSql(`alter table \`contribution\` add column \`to_advances_fund\` integer not null default false;`);
    this.addSql(
      `alter table \`contribution\` add column \`recorded_by_id\` text null constraint \`contribution_recorded_by_id_foreign\` references \`person\`(\`id\`) on delete set null on update cascade;`,
    );
    this.addSql(
      `alter table \`contribution\` add column \`corrects_id\` text null constraint \`contribution_corrects_id_foreign\` references \`contribution\`(\`id\`) on delete set null on update cascade;`,
    );
    this.addSql(`alter table \`contribution\` add column \`correction_reason\` text null;`);
    this.addSql(`alter table \`contribution\` add column \`superseded_at\` datetime null;`);
    this.addSql(`create index \`contribution_recorded_by_id_index\` on \`contribution\` (\`recorded_by_id\`);`);
    this.addSql(`create index \`contribution_corrects_id_index\` on \`contribution\` (\`corrects_id\`);`);
    this.addSql(
      `update \`contribution\` set \`origin\` = (select case o.\`kind\` when 'PARTNER_COMPANY' then 'COMPANIES' when 'COLLECTIVITY' then 'COLLECTIVITIES' when 'STATE' then 'STATE_AND_CDC' when 'CDC' then 'STATE_AND_CDC' else 'TERRITORIAL_ACTORS' end from \`organisation\` o where o.\`id\` = \`contribution\`.\`organisation_id\`);`,
    );

    this.addSql(`alter table \`advance\` add column \`defaulted_on\` date null;`);

    this.addSql(
      `insert into \`treasury_movement\` (\`id\`, \`created_at\`, \`updated_at\`, \`basin_id\`, \`account\`, \`kind\`, \`amount\`, \`occurred_on\`, \`label\`) select lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), c.\`created_at\`, c.\`created_at\`, c.\`basin_id\`, 'ADVANCES_FUND', 'ENDOWMENT', c.\`advances_fund_endowment\`, c.\`starts_on\`, 'Dotation : ' || c.\`label\` from \`triennial_convention\` c where c.\`advances_fund_endowment\` > 0;`,
    );
  }
}
