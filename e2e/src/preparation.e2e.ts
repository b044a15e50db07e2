import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, signIn, type Browser } from './browser.js';

/**
 * Preparing a session and its papers through the screens, on the demo basin: the operator creates a session, builds,
 * reorders and edits its agenda, convenes it (the .eml with its .ics is written), reschedules and cancels it; edits a
 * project and its needs, moves it, writes its diagnosis in two versions, compares them and attaches a file; invites
 * an expert, who then sees that paper and nothing else.
 */

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
let browser: Browser;

beforeEach(async () => {
  browser = await openBrowser();
});
afterEach(async () => {
  await browser?.close();
});

/** The messages the server wrote since `before`, parsed as a mail client would. */
async function mailsSince(before: Set<string>) {
  const folder = path.join(dataDir, 'mail');
  const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.eml') && !before.has(f)) : [];
  return Promise.all(files.map(async (file) => simpleParser(fs.readFileSync(path.join(folder, file)))));
}
const mailMark = () =>
  new Set(fs.existsSync(path.join(dataDir, 'mail')) ? fs.readdirSync(path.join(dataDir, 'mail')) : []);

/** Waits until the server has written at least `count` messages since `before`. */
async function waitForMails(before: Set<string>, count: number) {
  for (let i = 0; i < 50; i += 1) {
    const mails = await mailsSince(before);
    if (mails.length >= count) return mails;
    await new Promise((r) => setTimeout(r, 200));
  }
  return mailsSince(before);
}

const agendaTitles = (page: Page) =>
  page.getByRole('list', { name: 'Ordre du jour' }).locator('.agenda__title').allInnerTexts();

describe('preparing a session', () => {
  it('should create a session, build, reorder and edit its agenda, convene it with an .ics, reschedule and cancel it', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'operateur@demo.agrement.fr');
    await page.getByRole('link', { name: 'Séances' }).first().click();
    await page.getByRole('link', { name: 'Nouvelle séance' }).click();
    const nextYear = new Date().getFullYear() + 2;
    await page.getByLabel('Intitulé de la séance').fill('Comité de préparation e2e');
    await page.getByLabel('Date').fill(`${nextYear}-03-12`);
    await page.getByLabel('Heure', { exact: true }).fill('09:30');
    await page.getByLabel('Lieu').fill('CCI Grand Hainaut, salle Watteau');
    const chair = page.getByLabel('Président de séance');
    const chairChoice = await chair.locator('option').nth(1).getAttribute('value');
    await chair.selectOption(chairChoice!);
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comité de préparation e2e' }).waitFor();

    // The agenda: two information points, then the second moved up.
    const add = page.getByRole('region', { name: 'Ajouter un point à l’ordre du jour' });
    for (const title of ['Accueil des nouveaux partenaires', 'Budget du fonds']) {
      await add.getByLabel('Type de point').selectOption('INFORMATION');
      await add.getByLabel('Intitulé', { exact: true }).fill(title);
      await add.getByRole('button', { name: 'Ajouter le point' }).click();
      await page.getByRole('list', { name: 'Ordre du jour' }).getByText(title).waitFor();
    }
    expect(await agendaTitles(page)).toEqual(['Accueil des nouveaux partenaires', 'Budget du fonds']);
    await page.getByRole('button', { name: 'Monter « Budget du fonds »' }).click();
    await expect.poll(() => agendaTitles(page)).toEqual(['Budget du fonds', 'Accueil des nouveaux partenaires']);

    // Edited in place: a clearer title and its time; the focus goes to the form, then back to the item's button.
    await page.getByRole('button', { name: 'Modifier « Accueil des nouveaux partenaires »' }).click();
    const edit = page.getByRole('form', { name: 'Modifier le point « Accueil des nouveaux partenaires »' });
    const editedTitle = edit.getByLabel('Intitulé');
    await expect.poll(() => editedTitle.evaluate((field) => field === document.activeElement)).toBe(true);
    await editedTitle.fill('Accueil des partenaires industriels');
    await edit.getByLabel('Durée (minutes)').fill('15');
    await edit.getByRole('button', { name: 'Enregistrer le point' }).click();
    await expect.poll(() => agendaTitles(page)).toEqual(['Budget du fonds', 'Accueil des partenaires industriels']);
    const agenda = page.getByRole('list', { name: 'Ordre du jour' });
    await agenda.getByRole('listitem').nth(1).getByText('15 min').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Modifier « Accueil des partenaires industriels »');

    // Convened: every member gets a convocation with its invitation.
    let mark = mailMark();
    await page.getByRole('button', { name: 'Convoquer les membres' }).click();
    await page.getByRole('heading', { name: /^Convoqués le/ }).waitFor();
    const convened = page.getByRole('list', { name: /^Convoqués le/ });
    expect(await convened.getByRole('listitem').count()).toBeGreaterThan(5);
    const convocations = await waitForMails(mark, 5);
    const convocation = convocations.find((m) => m.subject?.startsWith('Convocation\u00a0: Comité de préparation e2e'));
    expect(convocation).toBeDefined();
    const invitation = convocation!.attachments.find((a) => a.filename === 'invitation.ics')!;
    const ics = invitation.content.toString('utf8');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('SEQUENCE:0');
    // 9:30 on the basin's clock (Paris, winter time) is 8:30 UTC.
    expect(ics).toContain(`DTSTART:${nextYear}0312T083000Z`);
    const uid = /UID:(.+)/.exec(ics)![1]!.trim();

    // Rescheduled: a new time and place, told to everyone with the same event.
    mark = mailMark();
    await page.getByRole('link', { name: 'Reporter ou déplacer la séance' }).click();
    await page.getByLabel('Heure', { exact: true }).fill('14:00');
    await page.getByLabel('Lieu').fill('Mairie de Valenciennes, salle du conseil');
    await page.getByRole('button', { name: 'Reporter ou déplacer la séance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comité de préparation e2e' }).waitFor();
    await page.getByText('Mairie de Valenciennes, salle du conseil').first().waitFor();
    const notices = await waitForMails(mark, 5);
    const notice = notices.find((m) => m.subject?.startsWith('Séance modifiée\u00a0: Comité de préparation e2e'));
    const updated = notice!.attachments.find((a) => a.filename === 'invitation.ics')!.content.toString('utf8');
    expect(updated).toContain(`UID:${uid}`);
    expect(updated).toContain('SEQUENCE:1');
    expect(updated).toContain(`DTSTART:${nextYear}0312T130000Z`);

    // Cancelled, with its reason: everyone is told, and the session can no longer be prepared.
    mark = mailMark();
    await page.getByRole('button', { name: 'Annuler la séance' }).click();
    await page.getByLabel('Motif de l’annulation').fill('Salle indisponible, séance reportée au mois suivant');
    await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await page.getByText('Motif : Salle indisponible, séance reportée au mois suivant').waitFor();
    expect(await page.getByRole('button', { name: 'Convoquer les membres' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Ajouter un point à l’ordre du jour' }).count()).toBe(0);
    const cancellations = await waitForMails(mark, 5);
    const cancellation = cancellations.find((m) =>
      m.subject?.startsWith('Séance annulée\u00a0: Comité de préparation e2e'),
    );
    const cancelIcs = cancellation!.attachments.find((a) => a.filename === 'annulation.ics')!.content.toString('utf8');
    expect(cancelIcs).toContain('METHOD:CANCEL');
    expect(cancelIcs).toContain(`UID:${uid}`);
    expect(cancelIcs).toContain('SEQUENCE:2');
  });
});

describe('preparing a project and its paper', () => {
  const projectTitle = 'Cellule de découpe laser fibre et pliage robotisé';

  async function openProject(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Projets' }).first().click();
    await page.getByRole('link', { name: projectTitle }).first().click();
    await page.getByRole('heading', { level: 1, name: projectTitle }).waitFor();
  }

  it('should edit a project and its needs, move it, write two versions, compare them, attach a file and invite an expert who sees only that paper', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'operateur@demo.agrement.fr');
    await openProject(page);

    // Edit: the SME's headcount and a third need.
    await page.getByRole('link', { name: 'Modifier le projet' }).click();
    await page.getByLabel('Effectif').fill('16');
    await page.getByRole('button', { name: 'Ajouter un besoin' }).click();
    const needs = page.locator('.need-row');
    const third = needs.nth(2);
    await third.getByLabel('Profil recherché').fill('Responsable qualité automobile, IATF 16949');
    await third.getByLabel('Jours estimés').fill('3');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('heading', { level: 1, name: projectTitle }).waitFor();
    await page.getByText('Responsable qualité automobile, IATF 16949').waitFor();

    // Move: to diagnosis; scheduling is offered next.
    await page.getByRole('button', { name: 'Passer en diagnostic' }).click();
    await page.getByRole('button', { name: 'Inscrire en séance' }).waitFor();

    // Two versions of the diagnosis, by sections.
    await page.getByRole('button', { name: 'Rédiger le diagnostic' }).click();
    const editor = page.getByRole('form', { name: 'Nouvelle version du diagnostic' });
    await editor
      .getByLabel('Texte de la partie « Présentation de l’entreprise »')
      .fill('Tôlerie de sous-traitance de 14 salariés à Lourches.');
    await editor.getByLabel('Texte de la partie « Situation financière »').fill('Fonds propres de 210 000 €.');
    await editor.getByRole('button', { name: 'Enregistrer la version' }).click();
    await page.getByText('Tôlerie de sous-traitance de 14 salariés à Lourches.').waitFor();
    await page.getByRole('button', { name: 'Rédiger une nouvelle version' }).click();
    await editor.getByLabel('Objet de cette version').fill('Effectif et fonds propres à jour');
    await editor
      .getByLabel('Texte de la partie « Présentation de l’entreprise »')
      .fill('Tôlerie de sous-traitance de 16 salariés à Lourches.');
    await editor.getByLabel('Texte de la partie « Situation financière »').fill('Fonds propres de 240 000 €.');
    await editor.getByRole('button', { name: 'Enregistrer la version' }).click();
    await page.getByText('Version 2').first().waitFor();

    // Compared: what changed, section by section.
    await page.getByRole('button', { name: 'Comparer deux versions' }).click();
    const compare = page.getByRole('region', { name: 'Comparaison de deux versions' });
    await compare.waitFor();
    expect(await compare.locator('del').allInnerTexts()).toEqual(expect.arrayContaining(['14', '210']));
    expect(await compare.locator('ins').allInnerTexts()).toEqual(expect.arrayContaining(['16', '240']));

    // A file, within the limit and types shown before the upload.
    await page.getByText(/Taille maximale : .*Formats acceptés : .*\.pdf/).waitFor();
    await page.getByLabel('Joindre un fichier à la dernière version').setInputFiles({
      name: 'devis-laser.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% devis\n'),
    });
    await page.getByRole('button', { name: 'Envoyer le fichier' }).click();
    await page.getByRole('link', { name: /devis-laser\.pdf/ }).waitFor();

    // Scheduling is now allowed.
    await page.getByRole('button', { name: 'Inscrire en séance' }).click();
    await page.locator('.project-lede').getByText('Inscrit en séance').waitFor();

    // An expert, invited on this project only.
    const experts = page.getByRole('region', { name: 'Experts du diagnostic complémentaire' });
    const email = `expert.${Date.now()}@cabinet.test`;
    await experts.getByLabel('Adresse e-mail').fill(email);
    await experts.getByLabel('Prénom').fill('Élise');
    await experts.getByLabel('Nom', { exact: true }).fill('Fabre');
    await experts.getByLabel('Fonction (facultatif)').fill('Expert-comptable');
    await experts.getByRole('button', { name: 'Inviter l’expert' }).click();
    const link = await experts.locator('[data-test="expert-invitation-link"]').innerText();
    await experts.getByRole('list', { name: 'Experts ayant accès au projet' }).getByText('Élise Fabre').waitFor();
    const projectPath = new URL(page.url()).pathname;

    const expert = await openBrowser();
    try {
      const { page: ep } = expert;
      await ep.goto(link.replace(/^https?:\/\/[^/]+/, baseUrl));
      await ep.getByLabel('Nouveau mot de passe').fill('bilans tôlerie lourches 2026');
      await ep.getByLabel('Confirmez le mot de passe').fill('bilans tôlerie lourches 2026');
      await ep.getByRole('button', { name: 'Activer mon compte' }).click();
      await ep.getByRole('heading', { level: 2, name: 'Votre diagnostic complémentaire' }).waitFor();
      expect(await ep.getByRole('link', { name: 'Séances' }).count()).toBe(0);
      expect(await ep.getByRole('link', { name: 'Projets' }).count()).toBe(0);
      await ep.getByRole('link', { name: 'Ouvrir le dossier du projet' }).click();
      await ep.getByRole('heading', { level: 1, name: projectTitle }).waitFor();
      await ep.getByText('Tôlerie de sous-traitance de 16 salariés à Lourches.').waitFor();
      expect(new URL(ep.url()).pathname).toBe(projectPath);
      // Everything else answers as if it did not exist, or is refused.
      await ep.goto(`${baseUrl}/meetings`);
      await ep.getByRole('alert').first().waitFor();
      await ep.goto(`${baseUrl}/projects`);
      await ep.getByRole('alert').first().waitFor();
      expect(await ep.getByRole('table').count()).toBe(0);
    } finally {
      await expert.close();
    }
  });
});
