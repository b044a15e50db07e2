import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { chooseOption, openBrowser, signIn, type Browser } from './browser.js';

/** The programme's money as the operator keeps it: a contribution, the funder's statement, an expense and the cap. */
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const FUNDER = /Vallée de la Scarpe/;
const year = new Date().getFullYear();
const euros = (text: string) => Number(text.replace(/[^\d-]/g, ''));

/**
 * The text of a PDF as pdf.js reads it, one kind of space. A piece that touches the one before on its line continues
 * it: pdf.js cuts a word where the embedded font's kerning pulls a letter back ("57" ",6 %").
 */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i += 1) {
    let end: { x: number; y: number } | null = null;
    for (const item of (await (await pdf.getPage(i)).getTextContent()).items) {
      if (!('str' in item)) continue;
      const [x = 0, y = 0] = [item.transform[4], item.transform[5]];
      text += (end && Math.abs(y - end.y) < 0.5 && x - end.x < 0.5 ? '' : ' ') + item.str;
      end = item.hasEOL ? null : { x: x + item.width, y };
    }
    text += '\n';
  }
  return text.replace(/\s+/g, ' ');
}

/** The total of the statement's row for `year`, 0 when the funder gave nothing that year. */
async function yearTotal(statement: Locator, page: Page): Promise<number> {
  await statement.locator('[data-test="funder-statement"]').waitFor();
  const row = statement
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: String(year), exact: true }) });
  return (await row.count()) ? euros(await row.locator('td').last().innerText()) : 0;
}

describe('the programme page', () => {
  it('should let the operator record a contribution, read the statement, and record expenses up to the cap', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'operateur@demo.agrement.fr');
    await page.getByRole('link', { name: 'Programme' }).first().click();
    await page.getByRole('heading', { name: 'Programme', level: 1 }).waitFor();

    // the funder's statement before
    const statement = page.getByRole('region', { name: 'Relevé par financeur' });
    await chooseOption(statement.getByLabel('Financeur'), FUNDER);
    const before = await yearTotal(statement, page);

    // a contribution recorded through the ledger's form
    const ledger = page.getByRole('region', { name: 'Registre des contributions' });
    const form = ledger.locator('[data-test="contribution-form"]');
    await chooseOption(form.getByLabel('Financeur'), FUNDER);
    await expect.poll(() => form.getByLabel('Origine').inputValue()).toBe('COLLECTIVITIES');
    await form.getByLabel('Année de la contribution').fill(String(year));
    await form.getByLabel('Montant (€)').fill('2500');
    await form.getByLabel('Libellé').fill('Complément e2e');
    await form.getByRole('button', { name: 'Enregistrer la contribution' }).click();
    await form.getByText('Contribution enregistrée.').waitFor();
    await ledger.getByRole('cell', { name: 'Complément e2e' }).first().waitFor();

    // the statement counts it in this year's cash
    await expect.poll(() => yearTotal(statement, page)).toBe(before + 2500);

    // an expense within the cap, then one above it, refused in French with what is left
    const costs = page.getByRole('region', { name: 'Compte des frais de fonctionnement' });
    const left = euros(
      await costs
        .locator('[data-test="costs-left"]')
        .innerText()
        .then((t) => t.split('plafond')[0]!),
    );
    const expense = costs.locator('[data-test="expense-form"]');
    await expense.getByLabel('Montant de la dépense (€)').fill('300');
    await expense.getByLabel('Objet de la dépense').fill('Fournitures e2e');
    await expense.getByRole('button', { name: 'Enregistrer la dépense' }).click();
    await expense.getByText('Dépense enregistrée.').waitFor();
    await costs.getByRole('cell', { name: 'Fournitures e2e', exact: true }).waitFor();

    await expense.getByLabel('Montant de la dépense (€)').fill('20000');
    await expense.getByLabel('Objet de la dépense').fill('Étude trop chère');
    await expense.getByRole('button', { name: 'Enregistrer la dépense' }).click();
    const refusal = expense.getByRole('alert');
    await refusal.waitFor();
    const text = (await refusal.innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/plafonnées à 10 000 € par an/);
    expect(euros(/il ne reste que ([\d\s]+) €/.exec(text)?.[1] ?? '')).toBe(left - 300);
    await expect.poll(() => costs.getByRole('cell', { name: 'Étude trop chère' }).count()).toBe(0);
  });
  it('should let the operator renew the convention for the next three years, record a signature and withdraw it', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Conventions' }).first().click();
    await page.getByRole('heading', { name: 'Conventions de partenariat', level: 1 }).waitFor();
    const detail = page.locator('[data-test="convention-detail"]');
    await detail.getByText('En cours').first().waitFor();

    await detail.locator('[data-test="renew-convention"]').click();
    await detail.getByText('Projet de renouvellement créé.').waitFor();
    await detail.getByText('Renouvelle la convention précédente.').waitFor();
    // the partners come with the renewal, none signed yet
    const partner = detail.locator('[data-test="partner-Toyota Motor Manufacturing France"]');
    await expect.poll(() => partner.innerText()).toMatch(/À signer/);
    expect(await partner.innerText()).toMatch(/9\s000/);

    await partner.locator('[data-test="sign-Toyota Motor Manufacturing France"]').click();
    const form = detail.locator('[data-test="signature-form"]');
    await form.getByLabel('Signataire (nom et qualité)').fill('Claire Martin, directrice du site');
    await form.getByRole('button', { name: 'Enregistrer la signature' }).click();
    await detail.getByText('Signature enregistrée.').waitFor();
    await expect.poll(() => partner.innerText()).toMatch(/Signée par Claire Martin, directrice du site/);
    await page.locator('[data-test="convention-periods"]').getByText('En signature').waitFor();

    // a signature recorded by mistake is withdrawn, after a confirmation; the terms are a draft again
    await partner.locator('[data-test="withdraw-Toyota Motor Manufacturing France"]').click();
    await partner.locator('[data-test="withdraw-confirm-Toyota Motor Manufacturing France"]').click();
    await detail.getByText('Signature retirée ; le journal d’audit en garde la trace.').waitFor();
    await expect.poll(() => partner.innerText()).toMatch(/À signer/);
    await page.locator('[data-test="convention-periods"]').getByText('Projet', { exact: true }).waitFor();
  });

  it("should download the year's annual report and find the dashboard's figures in it", async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Tableau de bord' }).first().click();
    const jobs = page.getByText(/^PME accompagnées : /);
    await jobs.waitFor();
    const smes = euros(await jobs.innerText());
    const hires = euros(await page.getByText(/^Embauches réalisées : /).innerText());
    const report = page.getByRole('region', { name: 'Rapport annuel d’activité' });
    await expect.poll(() => report.getByLabel('Année civile').inputValue()).toBe(String(year));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('link', { name: `Rapport ${year} (PDF)` }).click(),
    ]);
    const text = await pdfText(new Uint8Array(await readFile((await download.path())!)));
    expect(text).toContain(`Rapport annuel d’activité ${year}`);
    expect(text).toContain(`PME accompagnées ${smes}`);
    expect(text).toContain(`Embauches réalisées (emplois créés) ${hires}`);
    expect(smes).toBeGreaterThan(0);
  });
});
