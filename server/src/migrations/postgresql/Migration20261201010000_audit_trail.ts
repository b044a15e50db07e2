import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail: an append-only, hash-chained log of every write, a chain per basin (and one for network-level
 * rows), with each chain's head; approved minutes keep the head they were approved at. PostgreSQL refuses any UPDATE, DELETE or TRUNCATE of the entries.
 */
export class Migration20261201010000_audit_trail extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_entry" ("id" uuid not null, "chain" varchar(36) not null, "seq" int not null, "at" timestamptz not null, "actor_id" varchar(36) null, "entity" varchar(60) not null, "entity_id" varchar(120) not null, "operation" varchar(10) not null, "before" text null, "after" text null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_entry_actor_idx" on "audit_entry" ("actor_id");`);
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_chain_seq_unique" unique ("chain", "seq");`);
    this.addSql(
      `create table "audit_chain" ("chain" varchar(36) not null, "seq" int not null, "hash" varchar(64) not null, constraint "audit_chain_pkey" primary key ("chain"));`,
    );
    this.addSql(
      `create function audit_entry_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege'; end $$;`,
    );
    this.addSql(
      `create trigger "audit_entry_no_change" before update or delete on "audit_entry" for each row execute function audit_entry_append_only();`,
    );
    this.addSql(
      `create trigger "audit_entry_no_truncate" before truncate on "audit_entry" for each statement execute function audit_entry_append_only();`,
    );
    this.addSql(
      `alter table "minutes" add column "audit_head_seq" int null, add column "audit_head_hash" varchar(64) null;`,
    );
  }
}
