import { Entity, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** The chain of network-level records (people, stored files): not one basin's. */
export const NETWORK_CHAIN = 'network';

/**
 * One write, as the audit trail keeps it: appended once, never changed (PostgreSQL refuses UPDATE and DELETE on the
 * table). `before` and `after` are canonical JSON (sorted keys) as hashed; `hash` is the SHA-256 of the entry's
 * canonical form, which includes `prevHash`, the hash of the entry before it in the same chain (see audit-hash.ts).
 * The subscriber writes entries with SQL, in the transaction of the write they record.
 */
@ObjectType({ description: 'One recorded write of the audit trail' })
@Entity({ tableName: 'audit_entry' })
@Unique({ name: 'audit_entry_chain_seq_unique', properties: ['chain', 'seq'] })
export class AuditEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  /** A basin's id, or {@link NETWORK_CHAIN}. */
  @Property({ type: 'string', length: 36 })
  chain!: string;

  /** 1, 2, 3… within the chain, without gaps. */
  @Field(() => Int, { description: 'Position in the chain, from 1' })
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at!: Date;

  /** The person whose request wrote it; null for the system (scripts, seeders, timers, sign-in steps). */
  @Field(() => ID, { nullable: true, description: 'The person who wrote; null for the system' })
  @Index({ name: 'audit_entry_actor_idx' })
  @Property({ type: 'string', length: 36, nullable: true })
  actorId?: string | null;

  @Field(() => String, { description: 'The kind of record written (Project, Decision…)' })
  @Property({ type: 'string', length: 60 })
  entity!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  entityId!: string;

  /** CREATE, UPDATE or DELETE. */
  @Field(() => String, { description: 'CREATE, UPDATE or DELETE' })
  @Property({ type: 'string', length: 10 })
  operation!: string;

  @Field(() => String, { nullable: true, description: 'JSON: the values before (changed fields only for an update)' })
  @Property({ type: 'text', nullable: true })
  before?: string | null;

  @Field(() => String, { nullable: true, description: 'JSON: the values after (changed fields only for an update)' })
  @Property({ type: 'text', nullable: true })
  after?: string | null;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Field(() => String, { description: "SHA-256 of the entry, which covers the previous entry's hash" })
  @Property({ type: 'string', length: 64 })
  hash!: string;

  /** The writer's name, filled by the service for display (not stored). */
  @Field(() => String, { nullable: true })
  actorName?: string | null;
}

/**
 * The head of each chain: its last sequence number and hash. Appending locks this row (an upsert, which on PostgreSQL
 * waits for any other writer of the chain), so two writers never both extend the same head; it also tells the
 * verification when entries were cut off the end.
 */
@Entity({ tableName: 'audit_chain' })
export class AuditChainHead {
  @PrimaryKey({ type: 'string', length: 36 })
  chain!: string;

  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
