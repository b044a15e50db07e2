import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail: an append-only, hash-chained log of every write, a chain per basin (and one for network-level
 * rows), with each chain's head; approved minutes keep the head they were approved at. No trigger here: whoever holds the SQLite file can drop one; the hash chain is what
 * shows an edit (see docs/DECISIONS.md).
 */
export class Migration20261201010000_audit_trail extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`audit_entry\` (\`id\` text not null, \`chain\` text not null, \`seq\` integer not null, \`at\` datetime not null, \`actor_id\` text null, \`entity\` text not null, \`entity_id\` text not null, \`operation\` text not null, \`before\` text null, \`after\` text null, \`prev_hash\` text not null, \`hash\` text not null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`audit_entry_actor_idx\` on \`audit_entry\` (\`actor_id\`);`);
    this.addSql(`create unique index \`audit_entry_chain_seq_unique\` on \`audit_entry\` (\`chain\`, \`seq\`);`);
    this.addSql(
      `create table \`audit_chain\` (\`chain\` text not null, \`seq\` integer not null, \`hash\` text not null, primary key (\`chain\`));`,
    );
    this.addSql(`alter table \`minutes\` add column \`audit_head_seq\` integer null;`);
    this.addSql(`alter table \`minutes\` add column \`audit_head_hash\` text null;`);
  }
}
