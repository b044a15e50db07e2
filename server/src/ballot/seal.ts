import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { VoteChoice } from './ballot.entity.js';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CHOICES = [VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN] as const;

/**
 * Seals the choices of secret ballots while they are open. A sealed choice is AES-256-GCM with a key derived per
 * ballot (HKDF) from a server secret that never enters the database, and the ballot's id as associated data: the
 * database files alone (a copy, a backup, its WAL) never say what anyone chose, even in the order of the commits.
 * Every sealed value has the same length whatever the choice. See docs/BALLOT-SECRECY.md.
 */
export class BallotSeal {
  private readonly master: Buffer;

  constructor(master: Buffer) {
    if (master.length !== KEY_BYTES) throw new Error(`the ballot seal key must be ${KEY_BYTES} bytes`);
    this.master = master;
  }

  private keyOf(ballotId: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.master, Buffer.from(ballotId), 'agrement ballot box', KEY_BYTES));
  }

  seal(ballotId: string, choice: VoteChoice): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyOf(ballotId), nonce);
    cipher.setAAD(Buffer.from(ballotId));
    const body = Buffer.concat([
      cipher.update(Buffer.of(CHOICES.indexOf(choice as (typeof CHOICES)[number]))),
      cipher.final(),
    ]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** Opens a sealed choice of this ballot; throws when it was not sealed for it with this key. */
  open(ballotId: string, sealed: string): VoteChoice {
    const bytes = Buffer.from(sealed, 'base64url');
    const nonce = bytes.subarray(0, NONCE_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.keyOf(ballotId), nonce);
    decipher.setAAD(Buffer.from(ballotId));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    const choice = CHOICES[plain[0] ?? -1];
    if (plain.length !== 1 || !choice) throw new Error('not a sealed choice');
    return choice;
  }
}

/**
 * The server secret of the ballot seal: `BALLOT_SEAL_KEY` (32 bytes in base64), or else a key kept in
 * `DATA_DIR/ballot-seal.key` (made on first start, readable by the server's user only). Instances that share a
 * database must share the key: set `BALLOT_SEAL_KEY` for them.
 */
export function loadSealKey(fromEnv: string | null, dataDir: string): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'base64');
  const file = path.join(dataDir, 'ballot-seal.key');
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // 'wx': two instances starting at once on one folder never overwrite each other's key
  try {
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  }
}
