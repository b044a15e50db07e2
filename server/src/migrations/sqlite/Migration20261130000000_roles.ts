import { Migration } from '@mikro-orm/migrations';

/**
 * Two roles: the vice-chair, who presides when the chair is absent, and the expert who writes a complementary
 * diagnosis. SQLite cannot change a CHECK: the membership table is rebuilt (no table refers to it).
 */
export class Migration20261130000000_roles extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`membership__new\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`person_id\` text not null, \`basin_id\` text not null, \`role\` text check (\`role\` in ('OPERATOR', 'CHAIR', 'VICE_CHAIR', 'MEMBER', 'OBSERVER', 'SME', 'EXPERT')) not null, \`organisation_id\` text null, constraint \`membership_person_id_foreign\` foreign key(\`person_id\`) references \`person\`(\`id\`) on update cascade, constraint \`membership_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`membership_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(
      `insert into \`membership__new\` (\`id\`, \`created_at\`, \`updated_at\`, \`person_id\`, \`basin_id\`, \`role\`, \`organisation_id\`) select \`id\`, \`created_at\`, \`updated_at\`, \`person_id\`, \`basin_id\`, \`role\`, \`organisation_id\` from \`membership\`;`,
    );
    this.addSql(`drop table \`membership\`;`);
    this.addSql(`alter table \`membership__new\` rename to \`membership\`;`);
    this.addSql(`create index \`membership_person_id_index\` on \`membership\` (\`person_id\`);`);
    this.addSql(`create index \`membership_basin_id_index\` on \`membership\` (\`basin_id\`);`);
    this.addSql(`create index \`membership_organisation_id_index\` on \`membership\` (\`organisation_id\`);`);
    this.addSql(
      `create unique index \`membership_person_id_basin_id_role_unique\` on \`membership\` (\`person_id\`, \`basin_id\`, \`role\`);`,
    );
  }
}
