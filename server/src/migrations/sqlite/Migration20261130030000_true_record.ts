import { Migration } from '@mikro-orm/migrations';

/**
 * A true record: why delivered days went above a pledge; who presided a session, and why it opened on another day
 * than scheduled.
 */
export class Migration20261130030000_true_record extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`follow_up_report\` add column \`overrun_justifications\` json not null default '{}';`);
    this.addSql(
      `alter table \`meeting\` add column \`presided_by_id\` text null constraint \`meeting_presided_by_id_foreign\` references \`person\`(\`id\`) on delete set null on update cascade;`,
    );
    this.addSql(`create index \`meeting_presided_by_id_index\` on \`meeting\` (\`presided_by_id\`);`);
    this.addSql(`alter table \`meeting\` add column \`opening_reason\` text null;`);
  }
}
