import type { EntityManager } from '@mikro-orm/core';
import { Person } from '../person/person.entity.js';
import type { PageArgs, PageShape } from '../common/page.js';
import { toPage } from '../common/page.js';
import { AuditChainHead, AuditEntry } from './audit.entity.js';
import { GENESIS_HASH, entryHash } from './audit-hash.js';

/** Why a chain does not verify, at its first broken link. */
export enum AuditBreak {
  /** The entry's content does not give its stored hash: it was edited. */
  HASH_MISMATCH = 'HASH_MISMATCH',
  /** The entry does not carry the hash of the entry before it: an entry before it was replaced or removed. */
  PREVIOUS_HASH_MISMATCH = 'PREVIOUS_HASH_MISMATCH',
  /** A sequence number is missing or repeated: an entry was removed or inserted. */
  SEQUENCE_GAP = 'SEQUENCE_GAP',
  /** The chain's head does not name its last entry: entries were cut off the end, or the head was edited. */
  HEAD_MISMATCH = 'HEAD_MISMATCH',
}

export interface ChainVerification {
  chain: string;
  /** Entries checked (the chain's length when it verifies). */
  length: number;
  headSeq: number;
  headHash: string;
  ok: boolean;
  /** The first broken link, when any. */
  broken: { seq: number; entryId: string | null; reason: AuditBreak } | null;
}

const BATCH = 500;

/**
 * Walks a chain from its first entry: each entry must follow the previous one (seq + 1), carry its hash, and hash to
 * its stored hash; the head must name the last entry. Stops at the first broken link and says where and why.
 */
export async function verifyChain(em: EntityManager, chain: string): Promise<ChainVerification> {
  const reader = em.fork();
  const head = await reader.findOne(AuditChainHead, { chain });
  const headSeq = head?.seq ?? 0;
  const headHash = head?.hash ?? GENESIS_HASH;
  const result = (broken: ChainVerification['broken'], length: number): ChainVerification => ({
    chain,
    length,
    headSeq,
    headHash,
    ok: !broken,
    broken,
  });
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let lastId: string | null = null;
  for (;;) {
    const entries = await reader.find(
      AuditEntry,
      { chain, seq: { $gte: expectedSeq } },
      { orderBy: { seq: 'asc' }, limit: BATCH, disableIdentityMap: true },
    );
    for (const entry of entries) {
      if (entry.seq !== expectedSeq)
        return result({ seq: expectedSeq, entryId: entry.id, reason: AuditBreak.SEQUENCE_GAP }, expectedSeq - 1);
      if (entry.prevHash !== prevHash)
        return result({ seq: entry.seq, entryId: entry.id, reason: AuditBreak.PREVIOUS_HASH_MISMATCH }, entry.seq - 1);
      if (
        entryHash({
          ...entry,
          actorId: entry.actorId ?? null,
          before: entry.before ?? null,
          after: entry.after ?? null,
        }) !== entry.hash
      )
        return result({ seq: entry.seq, entryId: entry.id, reason: AuditBreak.HASH_MISMATCH }, entry.seq - 1);
      prevHash = entry.hash;
      lastId = entry.id;
      expectedSeq += 1;
    }
    if (entries.length < BATCH) break;
  }
  const length = expectedSeq - 1;
  if (headSeq !== length || headHash !== prevHash) {
    return result(
      {
        seq: Math.min(headSeq, length + 1) || length,
        entryId: headSeq === length ? lastId : null,
        reason: AuditBreak.HEAD_MISMATCH,
      },
      length,
    );
  }
  return result(null, length);
}

/** Every chain that has an entry: the basins' and the network's. */
export async function allChains(em: EntityManager): Promise<string[]> {
  const heads = await em.fork().find(AuditChainHead, {}, { orderBy: { chain: 'asc' } });
  return heads.map((h) => h.chain);
}

/** A page of a chain's entries, newest first, with the writers' names. */
export async function recentEntries(em: EntityManager, chain: string, page: PageArgs): Promise<PageShape<AuditEntry>> {
  const [items, total] = await em.findAndCount(
    AuditEntry,
    { chain },
    { orderBy: { seq: 'desc' }, limit: page.limit, offset: page.offset },
  );
  const actorIds = [...new Set(items.map((e) => e.actorId).filter((id): id is string => !!id))];
  const people = actorIds.length ? await em.find(Person, { id: { $in: actorIds } }) : [];
  const names = new Map(people.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
  for (const entry of items) entry.actorName = entry.actorId ? (names.get(entry.actorId) ?? null) : null;
  return toPage([items, total], page);
}

/** The chain's head (sequence and hash) as `em` sees it, for the minutes: the genesis hash at 0 before any entry. */
export async function chainHead(em: EntityManager, chain: string): Promise<{ seq: number; hash: string }> {
  const head = await em.findOne(AuditChainHead, { chain });
  return { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH };
}
