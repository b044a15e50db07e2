import { randomUUID } from 'node:crypto';
import {
  type AnyEntity,
  type ChangeSet,
  ChangeSetType,
  type EntityManager,
  type EntityMetadata,
  type EventSubscriber,
  type FlushEventArgs,
  type Transaction,
  type TransactionEventArgs,
  Reference,
  helper,
} from '@mikro-orm/core';
import { rootTransaction } from '../db/transactions.js';
import { auditActorOf } from './audit-actor.js';
import { ALWAYS_SECRET, AUDIT_POLICIES, type AuditPolicy } from './audit-policy.js';
import { AuditChainHead, AuditEntry, NETWORK_CHAIN } from './audit.entity.js';
import { GENESIS_HASH, canonicalJson, entryHash } from './audit-hash.js';

/** An entry computed at flush, appended when its transaction commits. */
interface PendingEntry {
  chain: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  before: string | null;
  after: string | null;
}

const OPERATIONS: Partial<Record<ChangeSetType, PendingEntry['operation']>> = {
  [ChangeSetType.CREATE]: 'CREATE',
  [ChangeSetType.UPDATE]: 'UPDATE',
  [ChangeSetType.UPDATE_EARLY]: 'UPDATE',
  [ChangeSetType.DELETE]: 'DELETE',
  [ChangeSetType.DELETE_EARLY]: 'DELETE',
};

/** Entries waiting for their transaction's commit: by root transaction, or by unit of work for a flush's own one. */
const byTransaction = new WeakMap<object, PendingEntry[]>();
const byUnitOfWork = new WeakMap<object, PendingEntry[]>();

/** Rows per INSERT (12 parameters each: well within both databases' limits). */
const INSERT_CHUNK = 50;

/**
 * The audit trail, written once for every write that goes through the unit of work: at flush it reads the change
 * sets (who from the entity manager's audit actor, what, the values before and after), and just before the
 * transaction commits it appends them to each basin's chain, in that transaction. Appending last means the chain
 * head's lock is the last lock a transaction takes, so it cannot close a deadlock with the locks taken before it.
 *
 * Not seen: `nativeUpdate`/`nativeDelete` and raw SQL (listed in docs/DECISIONS.md).
 */
export class AuditSubscriber implements EventSubscriber {
  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const entries = await collectEntries(em, uow.getChangeSets());
    if (entries.length === 0) return;
    const trx = em.getTransactionContext<Transaction>();
    if (trx) push(byTransaction, rootTransaction(trx), entries);
    else push(byUnitOfWork, uow, entries);
  }

  async beforeTransactionCommit({ em, transaction, uow }: TransactionEventArgs): Promise<void> {
    if (!transaction) return;
    const pending = [...(byTransaction.get(transaction) ?? []), ...((uow && byUnitOfWork.get(uow)) || [])];
    byTransaction.delete(transaction);
    if (uow) byUnitOfWork.delete(uow);
    if (pending.length > 0) await appendEntries(em, transaction, pending);
  }
}

function push(map: WeakMap<object, PendingEntry[]>, key: object, entries: PendingEntry[]) {
  const list = map.get(key);
  if (list) list.push(...entries);
  else map.set(key, entries);
}

/**
 * Appends entries to their chains, in the given transaction: per chain (in a fixed order, so that two transactions
 * writing to two chains cannot wait on each other), lock the head with an upsert (PostgreSQL makes a concurrent
 * writer wait until this transaction ends; SQLite has one writer at a time), chain the hashes, insert, move the head.
 */
export async function appendEntries(em: EntityManager, trx: Transaction, pending: PendingEntry[]): Promise<void> {
  const at = new Date();
  const chains = [...new Set(pending.map((p) => p.chain))].sort();
  const connection = em.getConnection();
  for (const chain of chains) {
    const rows = (await connection.execute(
      'insert into audit_chain (chain, seq, hash) values (?, 0, ?) ' +
        'on conflict (chain) do update set seq = audit_chain.seq returning seq, hash',
      [chain, GENESIS_HASH],
      'all',
      trx,
    )) as { seq: number | string; hash: string }[];
    let seq = Number(rows[0]!.seq);
    let prevHash = rows[0]!.hash;
    const entries: AuditEntry[] = [];
    for (const p of pending) {
      if (p.chain !== chain) continue;
      seq += 1;
      const hashed = { ...p, chain, seq, at, prevHash };
      const hash = entryHash(hashed);
      entries.push(Object.assign(new AuditEntry(), { id: randomUUID(), ...hashed, hash }));
      prevHash = hash;
    }
    for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
      await em.insertMany(AuditEntry, entries.slice(i, i + INSERT_CHUNK), { ctx: trx });
    }
    await em.nativeUpdate(AuditChainHead, { chain }, { seq, hash: prevHash }, { ctx: trx });
  }
}

/** A write made without the unit of work (a conditional `nativeUpdate`, a `nativeDelete`), as a service tells it. */
export interface NativeWrite {
  id: string;
  /** The basin whose chain the entry joins, when the caller knows it already (else it is read from the row). */
  basinId?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Records writes that bypass the unit of work, which the subscriber cannot see: call it in the same transaction,
 * right after the write (before it, for a deletion: the basin is found from the row). Appended at commit like the
 * rest; outside a transaction, at once in a transaction of its own.
 */
export async function recordNativeWrites(
  em: EntityManager,
  entityName: string,
  operation: PendingEntry['operation'],
  writes: NativeWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const meta = em.getMetadata().find(entityName)!;
  const policy = AUDIT_POLICIES[meta.className];
  if (!policy || policy.chain === 'excluded') return;
  const secret = [...ALWAYS_SECRET, ...(policy.secret ?? [])];
  const actorId = auditActorOf(em);
  const entries: PendingEntry[] = [];
  for (const write of writes) {
    let chain = NETWORK_CHAIN;
    if (policy.chain === 'self') chain = write.id;
    else if (Array.isArray(policy.chain))
      chain = write.basinId ?? (await basinInDatabase(em, meta, write.id, [...policy.chain]));
    const json = (v: Record<string, unknown> | null | undefined) =>
      v ? canonicalJson(values(v, Object.keys(v), secret)) : null;
    entries.push({
      chain,
      actorId,
      entity: meta.className,
      entityId: write.id,
      operation,
      before: json(write.before),
      after: json(write.after),
    });
  }
  const trx = em.getTransactionContext<Transaction>();
  if (trx) push(byTransaction, rootTransaction(trx), entries);
  else await em.transactional((tem) => appendEntries(tem, tem.getTransactionContext<Transaction>()!, entries));
}

async function collectEntries(em: EntityManager, changeSets: ChangeSet<AnyEntity>[]): Promise<PendingEntry[]> {
  const actorId = auditActorOf(em);
  const basins = new Map<string, string>();
  const entries: PendingEntry[] = [];
  for (const cs of changeSets) {
    const policy = AUDIT_POLICIES[cs.meta.className];
    const operation = OPERATIONS[cs.type];
    if (!policy || policy.chain === 'excluded' || !operation) continue;
    const entity = cs.entity as Record<string, unknown>;
    if (cs.meta.className === 'BallotParticipation' && (await ballotKind(em, entity.ballot)) === 'SECRET') continue;
    const secret = [...ALWAYS_SECRET, ...(policy.secret ?? [])];
    let before: Record<string, unknown> | null = null;
    let after: Record<string, unknown> | null = null;
    const payload = (cs.payload ?? {}) as Record<string, unknown>;
    const original = (cs.originalEntity ?? {}) as Record<string, unknown>;
    if (operation === 'CREATE') {
      after = values(payload, Object.keys(payload), secret);
    } else if (operation === 'UPDATE') {
      const keys = Object.keys(payload).filter((k) => k !== 'updatedAt');
      if (keys.length === 0) continue;
      before = values(original, keys, secret);
      after = values(payload, keys, secret);
      if (cs.meta.className === 'Ballot' && payload.status === 'CLOSED' && entity.kind === 'SECRET') {
        // the voter list of a secret ballot, sorted: who voted, never in which order (docs/DECISIONS.md)
        after.voters = await secretBallotVoters(em, String(helper(cs.entity).getSerializedPrimaryKey()));
      }
    } else {
      before = values(original, Object.keys(original), secret);
    }
    entries.push({
      chain: await chainOf(em, cs.entity, cs.meta, policy, basins),
      actorId,
      entity: cs.meta.className,
      entityId: String(helper(cs.entity).getSerializedPrimaryKey()),
      operation,
      before: before && canonicalJson(before),
      after: after && canonicalJson(after),
    });
  }
  return entries;
}

/** The chosen properties, as plain JSON values; secrets replaced by a marker. */
function values(source: Record<string, unknown>, keys: string[], secret: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = secret.includes(key) ? '[secret]' : plain(source[key]);
  return out;
}

function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (typeof value === 'bigint') return value.toString();
  if (Reference.isReference(value)) return helper(value.unwrap()).getSerializedPrimaryKey();
  if (typeof value === 'object' && '__helper' in (value as object))
    return helper(value as AnyEntity).getSerializedPrimaryKey();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = plain(v);
    return out;
  }
  return value;
}

/** The chain an entity's entry joins: its basin's (followed in memory, then in the database), or the network's. */
async function chainOf(
  em: EntityManager,
  entity: AnyEntity,
  meta: EntityMetadata,
  policy: AuditPolicy,
  cache: Map<string, string>,
): Promise<string> {
  if (policy.chain === 'network' || policy.chain === 'excluded') return NETWORK_CHAIN;
  if (policy.chain === 'self') return String(helper(entity).getSerializedPrimaryKey());
  const path = policy.chain;
  let current = entity as Record<string, unknown>;
  let currentMeta = meta;
  for (let i = 0; i < path.length; i++) {
    const related = current[path[i]!];
    if (related === null || related === undefined) return NETWORK_CHAIN;
    const target = Reference.unwrapReference(related as AnyEntity) as AnyEntity;
    const wrapped = helper(target);
    const id = String(wrapped.getSerializedPrimaryKey());
    if (i === path.length - 1) return id;
    currentMeta = wrapped.__meta as EntityMetadata;
    if (wrapped.__initialized) {
      current = target as Record<string, unknown>;
      continue;
    }
    const key = `${currentMeta.className}:${id}`;
    const known = cache.get(key);
    if (known) return known;
    const basinId = await basinInDatabase(em, currentMeta, id, path.slice(i + 1));
    cache.set(key, basinId);
    return basinId;
  }
  return NETWORK_CHAIN;
}

/** Follows the rest of a path in SQL, from a row that is not loaded: `select t2.basin_id from … where t0.id = ?`. */
async function basinInDatabase(em: EntityManager, meta: EntityMetadata, id: string, rest: string[]): Promise<string> {
  let sql = `from ${meta.tableName} t0`;
  let current = meta;
  for (let j = 0; j < rest.length - 1; j++) {
    const prop = current.properties[rest[j]!]!;
    const next = em.getMetadata().find(prop.type)!;
    sql += ` join ${next.tableName} t${j + 1} on t${j + 1}.id = t${j}.${prop.fieldNames[0]}`;
    current = next;
  }
  const last = current.properties[rest.at(-1)!]!;
  const rows = (await em
    .getConnection()
    .execute(
      `select t${rest.length - 1}.${last.fieldNames[0]} as basin_id ${sql} where t0.id = ?`,
      [id],
      'all',
      em.getTransactionContext(),
    )) as { basin_id: string | null }[];
  return rows[0]?.basin_id ?? NETWORK_CHAIN;
}

async function ballotKind(em: EntityManager, ballot: unknown): Promise<string | null> {
  if (!ballot) return null;
  const target = Reference.unwrapReference(ballot as AnyEntity) as { kind?: string } & AnyEntity;
  if (helper(target).__initialized && target.kind) return target.kind;
  const rows = (await em
    .getConnection()
    .execute(
      'select kind from ballot where id = ?',
      [helper(target).getSerializedPrimaryKey()],
      'all',
      em.getTransactionContext(),
    )) as { kind: string }[];
  return rows[0]?.kind ?? null;
}

async function secretBallotVoters(em: EntityManager, ballotId: string) {
  const rows = (await em
    .getConnection()
    .execute(
      'select voter_id, cast_by_id from ballot_participation where ballot_id = ? order by voter_id, cast_by_id',
      [ballotId],
      'all',
      em.getTransactionContext(),
    )) as { voter_id: string; cast_by_id: string }[];
  return rows.map((r) => ({ voter: r.voter_id, castBy: r.cast_by_id }));
}
