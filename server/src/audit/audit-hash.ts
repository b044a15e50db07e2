import { createHash } from 'node:crypto';

/** The `prevHash` of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: every column but its id and its own hash. */
export interface HashedEntry {
  chain: string;
  seq: number;
  at: Date;
  actorId: string | null;
  entity: string;
  entityId: string;
  operation: string;
  before: string | null;
  after: string | null;
  prevHash: string;
}

/**
 * The canonical form of an entry: a JSON array in a fixed order (version 1), with the time in ISO form to the
 * millisecond and `before`/`after` as the canonical JSON text stored. Both databases give back exactly these values.
 */
export function canonicalEntry(entry: HashedEntry): string {
  return JSON.stringify([
    1,
    entry.chain,
    entry.seq,
    entry.at.toISOString(),
    entry.actorId,
    entry.entity,
    entry.entityId,
    entry.operation,
    entry.before,
    entry.after,
    entry.prevHash,
  ]);
}

/** SHA-256 (hex) of the canonical form, which includes the previous entry's hash. */
export function entryHash(entry: HashedEntry): string {
  return createHash('sha256').update(canonicalEntry(entry)).digest('hex');
}

/** JSON with object keys sorted at every level: the same values always give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}
