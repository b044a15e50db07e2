import { Migration } from '@mikro-orm/migrations';

/**
 * The steering committee: its members' reviews of the committee's decisions (a question goes on the committee's
 * next agenda), and the orientations it gives the basin.
 */
export class Migration20261201020000_steering extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`orientation\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`author_id\` text not null, \`title\` text not null, \`text\` text not null, constraint \`orientation_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`orientation_author_id_foreign\` foreign key(\`author_id\`) references \`person\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`orientation_author_id_index\` on \`orientation\` (\`author_id\`);`);
    this.addSql(`create index \`orientation_basin_idx\` on \`orientation\` (\`basin_id\`);`);
    this.addSql(`create table \`decision_review\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`basin_id\` text not null, \`decision_id\` text not null, \`reviewer_id\` text not null, \`verdict\` text check (\`verdict\` in ('VALIDATED', 'QUESTIONED')) not null, \`comment\` text not null, \`agenda_item_id\` text null, constraint \`decision_review_basin_id_foreign\` foreign key(\`basin_id\`) references \`basin\`(\`id\`) on update cascade, constraint \`decision_review_decision_id_foreign\` foreign key(\`decision_id\`) references \`decision\`(\`id\`) on update cascade, constraint \`decision_review_reviewer_id_foreign\` foreign key(\`reviewer_id\`) references \`person\`(\`id\`) on update cascade, constraint \`decision_review_agenda_item_id_foreign\` foreign key(\`agenda_item_id\`) references \`agenda_item\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`decision_review_reviewer_id_index\` on \`decision_review\` (\`reviewer_id\`);`);
    this.addSql(`create index \`decision_review_agenda_item_id_index\` on \`decision_review\` (\`agenda_item_id\`);`);
    this.addSql(`create index \`decision_review_basin_idx\` on \`decision_review\` (\`basin_id\`);`);
    this.addSql(`create index \`decision_review_decision_idx\` on \`decision_review\` (\`decision_id\`);`);
  }
}
