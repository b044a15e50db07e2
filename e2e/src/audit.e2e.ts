import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openBrowser, signIn, type Browser } from './browser.js';
import { api, apiSignIn } from './api.js';

/**
 * The audit trail as the operator sees it: the demo basin's chain verifies; then someone with the database file edits
 * one entry behind the server's back, and the verification names that entry.
 */
const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let browser: Browser;

beforeEach(async () => {
  browser = await openBrowser();
});
afterEach(async () => {
  await browser?.close();
});

describe('the audit trail', () => {
  it('should show the chain intact, then name the entry edited directly in the database', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'operateur@demo.agrement.fr');
    await page.getByRole('link', { name: 'Journal d’audit' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Journal d’audit/ }).waitFor();
    const status = page.getByRole('status').filter({ hasText: /Chaîne/ });
    await expect.poll(() => status.innerText()).toMatch(/Chaîne intègre/);
    // the recent entries say who wrote what
    await page.getByRole('table').getByRole('row').nth(1).waitFor();

    const token = await apiSignIn(baseUrl, 'operateur@demo.agrement.fr');
    const { basins } = await api(baseUrl, token, '{ basins { id } }');
    const db = new Database(path.join(dataDir, 'agrement.db'));
    let edited: { id: string; seq: number };
    try {
      db.pragma('busy_timeout = 5000');
      edited = db
        .prepare(
          `select id, seq from audit_entry where chain = ? and entity = 'Project' and operation = 'CREATE' order by seq limit 1`,
        )
        .get(basins[0].id) as { id: string; seq: number };
      db.prepare(`update audit_entry set after = replace(after, '"jobsPlanned":', '"jobsPlanned":1') where id = ?`).run(
        edited.id,
      );
    } finally {
      db.close();
    }

    await page.getByRole('button', { name: 'Vérifier à nouveau' }).click();
    await expect.poll(() => status.innerText()).toMatch(/Chaîne rompue/);
    expect(await status.innerText()).toContain(`n° ${edited.seq}`);
    expect(await status.innerText()).toMatch(/modifiée/);

    // the command says the same, beside the running server
    const verified = spawnSync(
      process.execPath,
      [path.join(root, 'server', 'dist', 'scripts', 'admin.js'), 'verify-audit', basins[0].id],
      {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', PUBLIC_URL: baseUrl },
        encoding: 'utf8',
      },
    );
    expect(verified.status).toBe(3);
    expect(verified.stdout).toContain(`BROKEN`);
    expect(verified.stdout).toContain(`entry #${edited.seq} (${edited.id}): HASH_MISMATCH`);
  });
});
