import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, signIn, type Browser } from './browser.js';

/**
 * Administration through the screens: the national head, created by the admin command beside the running server,
 * creates a basin and invites its operator; the operator sets up organisations, people, roles, the chair and the
 * rules of the new basin; the demo operator edits an SME. The new basin keeps the demo basin as the other scenarios
 * expect it.
 */

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamp = Date.now().toString(36);
const browsers: Browser[] = [];

afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close();
});

async function browser(): Promise<Browser> {
  const opened = await openBrowser();
  browsers.push(opened);
  return opened;
}

/** `npm run admin -- …` on the server's own database. */
function admin(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'server', 'dist', 'scripts', 'admin.js'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', PUBLIC_URL: baseUrl },
    encoding: 'utf8',
  });
}

const linkIn = (text: string): string => {
  const link = /https?:\/\/\S+\/invitation\/[\w-]+/.exec(text)?.[0];
  if (!link) throw new Error(`no invitation link in: ${text}`);
  return link.replace(/^https?:\/\/[^/]+/, baseUrl);
};

async function accept(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Nouveau mot de passe').fill('forges et hauts fourneaux de Sambre');
  await page.getByLabel('Confirmez le mot de passe').fill('forges et hauts fourneaux de Sambre');
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/invitation'));
}

async function openAdministration(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Administration' }).first().click();
  await page.getByRole('heading', { level: 1, name: /Administration/ }).waitFor();
}

let operatorLink = '';
const basinName = `Sambre-Avesnois ${stamp}`;

describe('administration of the programme and of a basin', () => {
  it('should create the national head from the command line, refuse the same email twice, and print its link', async () => {
    const email = `tete.${stamp}@programme.test`;
    const created = admin('create-network-head', email, '--name', 'Nadia Têtedeliste');
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/National head created: Nadia Têtedeliste/);
    const again = admin('create-network-head', email);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/DUPLICATE_EMAIL/);
    expect(admin('--help').stdout).toMatch(/create-network-head <email>/);

    const { page } = await browser();
    await accept(page, linkIn(created.stdout));
    await openAdministration(page);

    const basins = page.getByRole('region', { name: 'Bassins du programme' });
    const form = basins.locator('[data-test="new-basin"]');
    await form.getByLabel('Nom du bassin').fill(basinName);
    await form.getByLabel('Identifiant court').fill(`sambre-${stamp}`);
    await form.getByLabel('Région').fill('Hauts-de-France');
    await form.getByRole('button', { name: 'Créer le bassin' }).click();
    await basins.getByText(`Le bassin « ${basinName} » est créé`).waitFor();
    // The new basin is in the switcher of the header.
    await page.getByLabel('Bassin affiché').selectOption({ label: basinName });
    await page.getByRole('heading', { level: 1, name: new RegExp(basinName) }).waitFor();

    const invite = basins.locator('[data-test="invite-operator"]');
    await invite.getByLabel('Bassin').selectOption({ label: basinName });
    await invite.getByLabel('Adresse e-mail').fill(`operateur.${stamp}@sambre.test`);
    await invite.getByLabel('Prénom').fill('Paul');
    await invite.getByLabel('Nom', { exact: true }).fill('Opérateur');
    await invite.getByLabel('Organisation opératrice (nouvelle)').fill('CCI Sambre-Avesnois');
    await invite.getByRole('button', { name: 'Inviter l’opérateur' }).click();
    operatorLink = linkIn(await basins.getByLabel('Lien d’invitation à usage unique').inputValue());

    // the network: the supported projects by size, sector and year, and each basin against the network's average
    await page.getByRole('link', { name: 'Réseau' }).first().click();
    const sectors = page.getByRole('table', { name: 'Par secteur (section NAF)' });
    await sectors.getByRole('rowheader', { name: /^C — Industrie manufacturière/ }).waitFor();
    expect(await page.getByRole('table', { name: 'Par taille d’entreprise' }).innerText()).toMatch(/Petite entreprise/);
    expect(await page.getByRole('table', { name: 'Par année de décision' }).getByRole('row').count()).toBeGreaterThan(
      3,
    );
    const comparison = page.getByRole('table', { name: 'Chaque bassin face au réseau' });
    expect(await comparison.getByRole('row', { name: new RegExp(basinName) }).innerText()).toMatch(/−100/);
  });

  it('should let the new operator add an organisation, grant and revoke a role, hand over the chair and change a rule', async () => {
    expect(operatorLink).not.toBe('');
    const { page } = await browser();
    await accept(page, operatorLink);
    await openAdministration(page);

    const organisations = page.getByRole('region', { name: 'Organisations', exact: true });
    const orgForm = organisations.locator('[data-test="organisation-form"]');
    await orgForm.getByLabel('Nom', { exact: true }).fill('Forges de la Sambre');
    await orgForm.getByLabel('Type').selectOption('PARTNER_COMPANY');
    await orgForm.getByLabel('SIREN').fill('552 100 554');
    await orgForm.getByRole('button', { name: 'Enregistrer l’organisation' }).click();
    await organisations.getByRole('rowheader', { name: 'Forges de la Sambre' }).waitFor();

    // Two members for the new partner company, through the People page.
    await page.getByRole('link', { name: 'Personnes et organisations' }).first().click();
    const inviteForm = page.getByRole('region', { name: 'Inviter une personne' });
    for (const [first, last] of [
      ['Lucie', 'Fondeur'],
      ['Marc', 'Lamineur'],
    ] as const) {
      await inviteForm.getByLabel('Adresse e-mail').fill(`${first.toLowerCase()}.${stamp}@forges.test`);
      await inviteForm.getByLabel('Prénom').fill(first);
      await inviteForm.getByLabel('Nom', { exact: true }).fill(last);
      // Lucie gives her civility at the invitation; Marc's is set in the administration below
      if (first === 'Lucie') await inviteForm.getByLabel('Civilité').selectOption('MADAME');
      await inviteForm.getByLabel('Rôle dans le bassin').selectOption('MEMBER');
      await inviteForm.getByLabel('Structure représentée').selectOption({ label: 'Forges de la Sambre' });
      await inviteForm.getByRole('button', { name: 'Envoyer l’invitation' }).click();
      await inviteForm.getByLabel('Lien d’invitation (à usage unique)').waitFor();
    }
    await openAdministration(page);

    const roles = page.getByRole('region', { name: 'Personnes et rôles' });
    const grant = roles.locator('[data-test="grant-role"]');
    await grant.getByLabel('Personne').selectOption({ label: 'Lucie Fondeur' });
    await grant.getByLabel('Rôle').selectOption('OBSERVER');
    await grant.getByRole('button', { name: 'Accorder le rôle' }).click();
    const revoke = roles.getByRole('button', { name: 'Retirer le rôle Comité de pilotage à Lucie Fondeur' });
    await revoke.waitFor();
    await revoke.click();
    await revoke.waitFor({ state: 'detached' });

    // civility, which agrees titles in the documents ("Présidente de séance"): shown as recorded, and changed here
    const civility = roles.locator('[data-test="person-civility"]');
    await civility.getByLabel('Personne').selectOption({ label: 'Marc Lamineur' });
    expect(await civility.getByLabel('Civilité').inputValue()).toBe('');
    await civility.getByLabel('Civilité').selectOption('MONSIEUR');
    await civility.getByRole('button', { name: 'Enregistrer la civilité' }).click();
    await civility.getByLabel('Personne').selectOption({ label: 'Lucie Fondeur' });
    expect(await civility.getByLabel('Civilité').inputValue()).toBe('MADAME');
    await expect
      .poll(async () => {
        await civility.getByLabel('Personne').selectOption({ label: 'Marc Lamineur' });
        return civility.getByLabel('Civilité').inputValue();
      })
      .toBe('MONSIEUR');

    const chair = page.getByRole('region', { name: 'Présidence du comité' });
    const handOver = chair.locator('[data-test="hand-over"]');
    for (const next of ['Lucie Fondeur', 'Marc Lamineur']) {
      await handOver.getByLabel('Fonction').selectOption('CHAIR');
      await handOver.getByLabel('Nouveau titulaire').selectOption({ label: next });
      await handOver.getByRole('button', { name: 'Transmettre' }).click();
      await chair.locator('[data-test="holder-CHAIR"]', { hasText: next }).waitFor();
    }
    const terms = chair.getByRole('table', { name: 'Mandats de présidence et de vice-présidence' });
    await terms.getByRole('row').nth(2).waitFor();
    expect(await terms.getByRole('row').count()).toBe(3);
    expect(await terms.getByRole('row').nth(2).innerText()).toMatch(/Lucie Fondeur[\s\S]*Paul Opérateur/);
    // The vice-chair cannot be the chair.
    await handOver.getByLabel('Fonction').selectOption('VICE_CHAIR');
    await handOver.getByLabel('Nouveau titulaire').selectOption({ label: 'Marc Lamineur' });
    await handOver.getByRole('button', { name: 'Transmettre' }).click();
    await chair.getByRole('alert').getByText('deux personnes différentes').waitFor();

    const settings = page.getByRole('region', { name: 'Règles du bassin' });
    await settings.getByText('Part des organisations (ou des membres) qui doivent être présentes').waitFor();
    await settings.getByLabel('Quorum (%)').fill('60');
    await settings.getByRole('button', { name: 'Enregistrer les règles' }).click();
    const log = settings.getByRole('table', { name: 'Historique des modifications' });
    const row = log.getByRole('row', { name: /Quorum \(%\)/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Paul Opérateur\s+Quorum \(%\)\s+50\s+60/);
  });

  it('should let the demo operator edit an SME', async () => {
    const { page } = await browser();
    await signIn(page, baseUrl, 'operateur@demo.agrement.fr');
    await openAdministration(page);
    const smes = page.getByRole('region', { name: 'PME', exact: true });
    const form = smes.locator('[data-test="sme-form"]');
    const headcount = form.getByLabel('Effectif');
    await headcount.waitFor();
    const before = await headcount.inputValue();
    await headcount.fill(String(Number(before) + 1));
    await form.getByRole('button', { name: 'Enregistrer la PME' }).click();
    await smes.getByText('PME enregistrée.').waitFor();
    await page.reload();
    await page
      .getByRole('region', { name: 'PME', exact: true })
      .locator('[data-test="sme-form"]')
      .getByLabel('Effectif')
      .waitFor();
    const reread = page.getByRole('region', { name: 'PME', exact: true }).locator('[data-test="sme-form"]');
    expect(await reread.getByLabel('Effectif').inputValue()).toBe(String(Number(before) + 1));
    // Leave the demo as the other scenarios know it.
    await reread.getByLabel('Effectif').fill(before);
    await reread.getByRole('button', { name: 'Enregistrer la PME' }).click();
    await page.getByRole('region', { name: 'PME', exact: true }).getByText('PME enregistrée.').waitFor();
  });
});
