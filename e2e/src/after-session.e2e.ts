import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openBrowser, signIn, type Browser } from './browser.js';
import { api, apiSignIn } from './api.js';

/** After the session: minutes, money, follow-up and results, as the operator, a mandatary and a partner see them. */
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeEach(async () => {
  browser = await openBrowser();
});
afterEach(async () => {
  await browser?.close();
});

const folded = async (locator: ReturnType<Page['getByRole']>) => (await locator.innerText()).replace(/\s+/g, ' ');
const euros = (text: string) => Number(text.replace(/[^\d]/g, ''));

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i += 1) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}

describe('after the session', () => {
  it("should let the operator download the minutes of the demo's past meeting as a French PDF", async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'operateur@demo.agrement.fr');
    await page.goto(`${baseUrl}/meetings`);
    // the most recent closed session
    const token = await apiSignIn(baseUrl, 'operateur@demo.agrement.fr');
    const { basins } = await api(baseUrl, token, '{ basins { id } }');
    const { meetings } = await api(
      baseUrl,
      token,
      'query($b: ID!) { meetings(basinId: $b, period: PAST, limit: 1) { items { id title } } }',
      { b: basins[0].id },
    );
    await page.goto(`${baseUrl}/meetings/${meetings.items[0].id}`);
    const minutes = page.getByRole('region', { name: 'Procès-verbal' });
    await minutes.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      minutes.getByRole('link', { name: 'Télécharger le procès-verbal (PDF)' }).click(),
    ]);
    const path = await download.path();
    const bytes = new Uint8Array(await (await import('node:fs/promises')).readFile(path));
    const text = await pdfText(bytes);
    expect(text).toMatch(/Procès-verbal de la séance/);
    expect(text).toMatch(/PROJET|APPROUVÉ/);
    expect(text).toMatch(/Quorum/i);
  });

  it('should record a repayment and move the dashboard with it', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'operateur@demo.agrement.fr');
    await page.getByRole('link', { name: 'Tableau de bord' }).first().click();
    const fund = page.getByRole('table', { name: 'Fonds d’avances' });
    await fund.waitFor();
    const repaidBefore = euros(await folded(fund.getByRole('row', { name: /^Remboursé/ })));

    // a running advance with something left to repay
    const token = await apiSignIn(baseUrl, 'operateur@demo.agrement.fr');
    const { basins } = await api(baseUrl, token, '{ basins { id } }');
    const { advances } = await api(
      baseUrl,
      token,
      'query($b: ID!) { advances(basinId: $b, limit: 200) { items { id status outstanding } } }',
      { b: basins[0].id },
    );
    const running = advances.items.find(
      (a: { status: string; outstanding: number }) => a.status === 'DISBURSED' && a.outstanding >= 100,
    );
    await page.goto(`${baseUrl}/advances/${running.id}`);
    const form = page.getByRole('region', { name: 'Enregistrer un remboursement' });
    await form.getByLabel('Montant (€)').fill('100');
    await form.getByLabel('Date du paiement').fill(new Date().toISOString().slice(0, 10));
    await form.getByRole('button', { name: 'Enregistrer le remboursement' }).click();
    await page.getByRole('table', { name: 'Échéancier' }).waitFor();

    // too much is refused, with the reason, and nothing is written
    await form.getByLabel('Montant (€)').fill(String(running.outstanding + 1000));
    await form.getByRole('button', { name: 'Enregistrer le remboursement' }).click();
    await expect.poll(async () => folded(page.getByRole('alert').first())).toMatch(/dépasse ce qui reste dû/);

    await page.getByRole('link', { name: 'Tableau de bord' }).first().click();
    await fund.waitFor();
    await expect
      .poll(async () => euros(await folded(fund.getByRole('row', { name: /^Remboursé/ }))))
      .toBe(repaidBefore + 100);
    expect(await page.getByRole('region', { name: 'Avances remboursables' }).locator('canvas').count()).toBeGreaterThan(
      0,
    );
  });

  it('should let a mandatary file a follow-up report', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'alstom@demo.agrement.fr');
    await page.getByRole('link', { name: 'Mes suivis' }).first().click();
    await page
      .getByRole('link', { name: /^Déposer un rapport : / })
      .first()
      .click();
    const form = page.getByRole('region', { name: 'Déposer un rapport de suivi' });
    await form.waitFor();
    await form.getByLabel('Échéance').selectOption({ index: 0 });
    await form.getByLabel('Embauches réalisées depuis le dernier rapport').fill('2');
    await form.getByLabel('Emplois préservés').fill('18');
    await form.getByLabel('Difficultés rencontrées').fill('Délais de livraison des machines.');
    const dayFields = form.getByLabel(/^Jours réalisés — /);
    if ((await dayFields.count()) > 0) {
      // more than any pledge of the demo: the form asks why before it files the report
      await dayFields.first().fill('40');
      await form.getByRole('button', { name: 'Déposer le rapport' }).click();
      await form.getByText('Dites pourquoi les jours réalisés dépassent les jours promis.').waitFor();
      await form.getByLabel(/promis : pourquoi ?/).fill('Audit complémentaire demandé par le client final.');
    }
    await form.getByRole('button', { name: 'Déposer le rapport' }).click();
    await expect
      .poll(async () => folded(page.getByRole('status').filter({ hasText: 'Rapport déposé' }).first()))
      .toMatch(/Rapport déposé/);
  });

  it('should show a partner company its ledger', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'toyota@demo.agrement.fr');
    await page.getByRole('link', { name: 'Ma société' }).first().click();
    const ledger = page.getByRole('table', { name: 'Engagements et jours réalisés' });
    await ledger.waitFor();
    expect(await ledger.getByRole('row').count()).toBeGreaterThan(1);
    expect(await folded(page.getByRole('main'))).toMatch(/Valorisation/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/Toyota/);
  });
});
