import type { EntityManager } from '@mikro-orm/core';
import type { FileStore } from '../diagnosis/file-store.js';

export const DEMO_PASSWORD = 'agrement-demo';
export const DEMO_ACCOUNTS: { email: string; label: string }[] = [];

export async function seedDemoBasin(_em: EntityManager, _files: FileStore): Promise<boolean> {
  return false;
}
