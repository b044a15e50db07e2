import { Migration } from '@mikro-orm/migrations';

/**
 * Administration of a basin: chair terms (at most one running term per basin and office), the log of setting
 * changes, an organisation's SIREN and archive date, and invitations without a basin (the national head's). SQLite
 * cannot drop a NOT NULL: the invitation table is rebuilt (no table refers to it).
 */
export class Migration20261130010000_administration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`chair_term\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`person_id\` text not null, \`office\` text check (\`office\` in ('CHAIR', 'VICE_CHAIR')) not null, \`started_at\` datetime not null, \`ended_at\` datetime null, \`started_by_id\` text null, \`ended_by_id\` text null, constraint \`chair_term_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`chair_term_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on update cascade, constraint \`chair_term_started_by_id_foreign\` foreign key(\`started_by_id\`) references \`person\`(\`id\`) on delete set null on update cascade, constraint \`chair_term_ended_by_id_foreign\` foreign key(\`ended_by_id\`) references \`person\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`chair_term_basin_id_index\` on \`chair_term\` (\`basin_id\`);`);
    this.addSql(`create index \`chair_term_person_id_index\` on \`chair_term\` (\`person_id\`);`);
    this.addSql(`create index \`chair_term_started_by_id_index\` on \`chair_term\` (\`started_by_id\`);`);
    this.addSql(`create index \`chair_term_ended_by_id_index\` on \`chair_term\` (\`ended_by_id\`);`);
    this.addSql(`create index \`chair_term_basin_id_office_index\` on \`chair_term\` (\`basin_id\`, \`office\`);`);
    this.addSql(
      `create unique index \`chair_term_running_unique\` on \`chair_term\` (\`basin_id\`, \`office\`) where \`ended_at\` is null;`,
    );

    this.addSql(
      `create table \`basin_setting_change\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`changed_by_id\` text not null, \`field\` text not null, \`before\` text not null, \`after\` text not null, constraint \`basin_setting_change_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`basin_setting_change_changed_by_id_foreign\` foreign key(\`changed_by_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`basin_setting_change_basin_id_index\` on \`basin_setting_change\` (\`basin_id\`);`);
    this.addSql(
      `create index \`basin_setting_change_changed_by_id_index\` on \`basin_setting_change\` (\`changed_by_id\`);`,
    );

    this.addSql(`alter table \`organisation\` add column \`siren\` text null;`);
    this.addSql(`alter table \`organisation\` add column \`archived_at\` datetime null;`);

    this.addSql(
      `create table \`invitation__new\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`token_hash\` text not null, \`person_id\` text not null, \`basin_id\` text null, \`invited_by_id\` text not null, \`expires_at\` datetime not null, \`used_at\` datetime null, constraint \`invitation_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on update cascade, constraint \`invitation_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on delete set null on update cascade, constraint \`invitation_invited_by_id_foreign\` foreign key(\`invited_by_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(
      `insert into \`invitation__new\` (\`id\`, \`created_at\`, \`updated_at\`, \`token_hash\`, \`person_id\`, \`basin_id\`, \`invited_by_id\`, \`expires_at\`, \`used_at\`) select \`id\`, \`created_at\`, \`updated_at\`, \`token_hash\`, \`person_id\`, \`basin_id\`, \`invited_by_id\`, \`expires_at\`, \`used_at\` from \`invitation\`;`,
    );
    this.addSql(`drop table \`invitation\`;`);
    this.addSql(`alter table \`invitation__new\` rename to \`invitation\`;`);
    this.addSql(`create unique index \`invitation_token_hash_unique\` on \`invitation\` (\`token_hash\`);`);
    this.addSql(`create index \`invitation_person_id_index\` on \`invitation\` (\`person_id\`);`);
    this.addSql(`create index \`invitation_basin_id_index\` on \`invitation\` (\`basin_id\`);`);
    this.addSql(`create index \`invitation_invited_by_id_index\` on \`invitation\` (\`invited_by_id\`);`);
  }
}
