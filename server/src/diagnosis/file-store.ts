import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import { StoredFile } from './diagnosis-paper.entity.js';

/** Where attachment bytes live. Keys are the content's SHA-256, so identical files are stored once. */
export interface FileStore {
  /** Stores the bytes (inside the caller's transaction for the database store) and returns their key. */
  put(em: EntityManager, content: Buffer): Promise<{ key: string; sha256: string }>;
  get(em: EntityManager, key: string): Promise<Buffer | null>;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Files under a folder, written atomically (temp file then rename). */
export function diskFileStore(folder: string): FileStore {
  return {
    async put(_em, content) {
      const digest = sha256(content);
      const target = path.join(folder, digest.slice(0, 2), digest);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(temp, content);
      await fs.rename(temp, target);
      return { key: `disk:${digest}`, sha256: digest };
    },
    async get(_em, key) {
      const digest = key.replace(/^disk:/, '');
      if (!/^[0-9a-f]{64}$/.test(digest)) return null;
      try {
        return await fs.readFile(path.join(folder, digest.slice(0, 2), digest));
      } catch {
        return null;
      }
    },
  };
}

/** Files as rows of `stored_file`: written in the same transaction as the attachment that names them. */
export function databaseFileStore(): FileStore {
  return {
    async put(em, content) {
      const digest = sha256(content);
      const key = `db:${digest}`;
      if (!(await em.findOne(StoredFile, { key }))) {
        em.persist(Object.assign(new StoredFile(), { key, content }));
      }
      return { key, sha256: digest };
    },
    async get(em, key) {
      const row = await em.findOne(StoredFile, { key }, { populate: ['content'] });
      return row ? Buffer.from(row.content) : null;
    },
  };
}
