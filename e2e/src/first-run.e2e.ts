import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chooseOption, openBrowser, type Browser } from './browser.js';
import { root, startServer, type RunningServer } from './server.js';

/**
 * A basin's first year, from an empty database, through the screens only: the national head (made by the admin
 * command) creates the basin and invites its operator; the operator sets up organisations and people, hands the chair
 * over, drafts the basin's first partnership convention, records a project with its SME and needs, writes its diagnosis in two versions with an attachment, prepares
 * and convenes a session; the chair and the members, each in their own browser, run it to an approval; the operator
 * records the convention's signatures and the first disbursement.
 */

const PASSWORD = 'hauts fourneaux de la Sambre 1911';
const PROJECT = 'Ligne de trempe par induction';
let server: RunningServer;
let baseUrl = '';
const browsers: Browser[] = [];
const links = new Map<string, string>();

async function browser(): Promise<Browser> {
  const opened = await openBrowser();
  browsers.push(opened);
  return opened;
}

function admin(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'server', 'dist', 'scripts', 'admin.js'), ...args], {
    env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '', REDIS_URL: '', PUBLIC_URL: baseUrl },
    encoding: 'utf8',
  });
}

const local = (link: string) => link.replace(/^https?:\/\/[^/]+/, baseUrl);

async function accept(page: Page, link: string): Promise<void> {
  await page.goto(local(link));
  await page.getByLabel('Nouveau mot de passe').fill(PASSWORD);
  await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/invitation'));
}

async function openAdministration(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Administration' }).first().click();
  await page.getByRole('heading', { level: 1, name: /Administration/ }).waitFor();
}

async function until(locator: Locator, pattern: RegExp, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = (await locator.innerText().catch(() => '')) ?? '';
    if (pattern.test(text)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; last text: ${text.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const mailFolder = () => path.join(server.dataDir, 'mail');
const mailMark = () => new Set(fs.existsSync(mailFolder()) ? fs.readdirSync(mailFolder()) : []);
async function mailsSince(before: Set<string>, count: number) {
  for (let i = 0; ; i += 1) {
    const files = fs.existsSync(mailFolder())
      ? fs.readdirSync(mailFolder()).filter((f) => f.endsWith('.eml') && !before.has(f))
      : [];
    if (files.length >= count || i >= 50) {
      return Promise.all(files.map((file) => simpleParser(fs.readFileSync(path.join(mailFolder(), file)))));
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Tomorrow on the basin's clock, as the date field takes it. */
const tomorrow = (() => {
  const day = new Date(Date.now() + 86400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(day);
})();

let head: Browser;
let operator: Browser;
const people: Record<'chair' | 'member' | 'prescriber', Browser> = {} as never;
let meetingUrl = '';

beforeAll(async () => {
  server = await startServer({ SEED_DEMO: 'false' });
  baseUrl = server.baseUrl;
  [head, operator, people.chair, people.member, people.prescriber] = await Promise.all([
    browser(),
    browser(),
    browser(),
    browser(),
    browser(),
  ]);
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await server?.stop();
});

describe('a basin from an empty database, through the screens', () => {
  it('should start with no account at all, then make the national head with the admin command', async () => {
    const anyone = head.page;
    await anyone.goto(`${baseUrl}/`);
    await anyone.waitForURL(/\/sign-in/);
    const created = admin('create-network-head', 'tete.reseau@alize.test', '--name', 'Nadia Têtedeliste');
    expect(created.status, created.stderr).toBe(0);
    const link = /https?:\/\/\S+\/invitation\/[\w-]+/.exec(created.stdout)?.[0];
    expect(link).toBeDefined();
    await accept(anyone, link!);
  });

  it('should let the national head create the basin and invite its operator', async () => {
    const { page } = head;
    await openAdministration(page);
    const basins = page.getByRole('region', { name: 'Bassins du programme' });
    const form = basins.locator('[data-test="new-basin"]');
    await form.getByLabel('Nom du bassin').fill('Sambre-Avesnois');
    await form.getByLabel('Identifiant court').fill('sambre-avesnois');
    await form.getByLabel('Région').fill('Hauts-de-France');
    await form.getByRole('button', { name: 'Créer le bassin' }).click();
    await basins.getByText('Le bassin « Sambre-Avesnois » est créé').waitFor();

    const invite = basins.locator('[data-test="invite-operator"]');
    await invite.getByLabel('Bassin').selectOption({ label: 'Sambre-Avesnois' });
    await invite.getByLabel('Adresse e-mail').fill('operateur@sambre.test');
    await invite.getByLabel('Prénom').fill('Paul');
    await invite.getByLabel('Nom', { exact: true }).fill('Opérateur');
    await invite.getByLabel('Organisation opératrice (nouvelle)').fill('CCI Sambre-Avesnois');
    await invite.getByRole('button', { name: 'Inviter l’opérateur' }).click();
    await accept(operator.page, await basins.getByLabel('Lien d’invitation à usage unique').inputValue());
  });

  it('should let the operator add the organisations, invite the committee and hand the chair over', async () => {
    const { page } = operator;
    await openAdministration(page);
    const organisations = page.getByRole('region', { name: 'Organisations', exact: true });
    const orgForm = organisations.locator('[data-test="organisation-form"]');
    for (const [name, kind, siren] of [
      ['Forges de la Sambre', 'PARTNER_COMPANY', '552 100 554'],
      ['Verreries de Maubeuge', 'PARTNER_COMPANY', '443 061 841'],
      ['Initiative Sambre', 'ASSOCIATED_PARTNER', '380 129 866'],
    ] as const) {
      await orgForm.getByLabel('Nom', { exact: true }).fill(name);
      await orgForm.getByLabel('Type').selectOption(kind);
      await orgForm.getByLabel('SIREN').fill(siren);
      await orgForm.getByRole('button', { name: 'Enregistrer l’organisation' }).click();
      await organisations.getByRole('rowheader', { name }).waitFor();
    }

    await page.getByRole('link', { name: 'Personnes et organisations' }).first().click();
    const inviteForm = page.getByRole('region', { name: 'Inviter une personne' });
    for (const [who, first, last, organisation] of [
      ['chair', 'Lucie', 'Fondeur', 'Forges de la Sambre'],
      ['member', 'Marc', 'Verrier', 'Verreries de Maubeuge'],
      ['prescriber', 'Inès', 'Conseil', 'Initiative Sambre'],
    ] as const) {
      await inviteForm.getByLabel('Adresse e-mail').fill(`${who}@sambre.test`);
      await inviteForm.getByLabel('Prénom').fill(first);
      await inviteForm.getByLabel('Nom', { exact: true }).fill(last);
      await inviteForm.getByLabel('Rôle dans le bassin').selectOption('MEMBER');
      await inviteForm.getByLabel('Structure représentée').selectOption({ label: organisation });
      await inviteForm.getByRole('button', { name: 'Envoyer l’invitation' }).click();
      const field = inviteForm.getByLabel('Lien d’invitation (à usage unique)');
      await field.waitFor();
      await expect.poll(() => field.inputValue()).not.toBe(links.get('last') ?? '');
      links.set('last', await field.inputValue());
      links.set(who, await field.inputValue());
    }
    for (const who of ['chair', 'member', 'prescriber'] as const) await accept(people[who].page, links.get(who)!);

    await openAdministration(page);
    const chair = page.getByRole('region', { name: 'Présidence du comité' });
    const handOver = chair.locator('[data-test="hand-over"]');
    await handOver.getByLabel('Fonction').selectOption('CHAIR');
    await handOver.getByLabel('Nouveau titulaire').selectOption({ label: 'Lucie Fondeur' });
    await handOver.getByRole('button', { name: 'Transmettre' }).click();
    await chair.locator('[data-test="holder-CHAIR"]', { hasText: 'Lucie Fondeur' }).waitFor();
  });

  it("should let the operator draft the basin's first partnership convention and add its partners", async () => {
    const { page } = operator;
    await page.getByRole('link', { name: 'Conventions' }).first().click();
    await page.getByText('Aucune convention pour ce bassin.').waitFor();
    const start = page.locator('[data-test="start-convention"]');
    const year = new Date().getFullYear();
    expect(await start.getByLabel('Intitulé').inputValue()).toBe(`Convention triennale ${year}-${year + 2}`);
    await start.getByRole('button', { name: 'Rédiger la convention' }).click();
    const detail = page.locator('[data-test="convention-detail"]');
    await detail.getByText('Projet de convention créé.').waitFor();
    await page.locator('[data-test="convention-periods"]').getByText('Projet', { exact: true }).waitFor();
    expect(await start.count()).toBe(0);
    for (const name of ['Forges de la Sambre', 'Verreries de Maubeuge']) {
      await chooseOption(detail.locator('[data-test="add-partner"]'), new RegExp(name));
      await detail.getByRole('button', { name: 'Ajouter le partenaire' }).click();
      await detail.locator(`[data-test="partner-${name}"]`).waitFor();
    }
  });

  it('should let the operator record a project with its SME and needs, and write its diagnosis in two versions', async () => {
    const { page } = operator;
    await page.goto(`${baseUrl}/projects/new`);
    await page.getByLabel('SIREN').fill('542 065 479');
    await page.getByLabel('Raison sociale').fill('Traitements Thermiques de Jeumont');
    await page.getByLabel('Secteur d’activité').fill('Traitement thermique des métaux');
    await page.getByLabel('Effectif').fill('22');
    await page.getByLabel('Commune').fill('Jeumont');
    await page.getByLabel('Titre du projet').fill(PROJECT);
    await page.getByLabel('Présentation du projet').fill('Remplacer deux fours par une ligne de trempe par induction.');
    await chooseOption(page.getByLabel('Prescripteur'), /Inès Conseil/);
    await page.getByLabel('Emplois prévus').fill('5');
    await page.getByLabel('Avance remboursable demandée (€)').fill('12000');
    await page.getByRole('button', { name: 'Ajouter un besoin' }).click();
    await page.getByLabel('Profil recherché').fill('Ingénieur procédés thermiques');
    await page.getByLabel('Jours estimés').fill('8');
    await page.getByRole('button', { name: 'Enregistrer le projet' }).click();
    await page.getByRole('heading', { level: 1, name: PROJECT }).waitFor();

    await page.getByRole('button', { name: 'Passer en diagnostic' }).click();
    await page.getByRole('button', { name: 'Rédiger le diagnostic' }).click();
    const editor = page.getByRole('form', { name: 'Nouvelle version du diagnostic' });
    await editor
      .getByLabel('Texte de la partie « Présentation de l’entreprise »')
      .fill('Atelier de traitement thermique de 22 salariés à Jeumont.');
    await editor.getByLabel('Texte de la partie « Situation financière »').fill('Fonds propres de 310 000 €.');
    await editor.getByRole('button', { name: 'Enregistrer la version' }).click();
    await page.getByText('Atelier de traitement thermique de 22 salariés à Jeumont.').waitFor();
    await page.getByRole('button', { name: 'Rédiger une nouvelle version' }).click();
    await editor.getByLabel('Objet de cette version').fill('Devis de la ligne reçu');
    await editor
      .getByLabel('Texte de la partie « Situation financière »')
      .fill('Fonds propres de 330 000 €.\n- ligne financée à 60 % par la banque\n- le reste par l’avance');
    await editor.getByRole('button', { name: 'Enregistrer la version' }).click();
    await page.getByText('Version 2').first().waitFor();
    // a list in the paper stays a list
    await page.getByRole('listitem').filter({ hasText: 'ligne financée à 60 % par la banque' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'le reste par l’avance' }).waitFor();
    await page.getByLabel('Joindre un fichier à la dernière version').setInputFiles({
      name: 'devis-induction.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% devis\n'),
    });
    await page.getByRole('button', { name: 'Envoyer le fichier' }).click();
    await page.getByRole('link', { name: /devis-induction\.pdf/ }).waitFor();
  });

  it('should let the operator prepare the session, build its agenda and convene it with an .ics', async () => {
    const { page } = operator;
    await page.getByRole('link', { name: 'Séances' }).first().click();
    await page.getByRole('link', { name: 'Nouvelle séance' }).click();
    await page.getByLabel('Intitulé de la séance').fill('Premier comité d’agrément');
    await page.getByLabel('Date').fill(tomorrow);
    await page.getByLabel('Heure', { exact: true }).fill('09:30');
    await page.getByLabel('Lieu').fill('CCI Sambre-Avesnois, Maubeuge');
    await chooseOption(page.getByLabel('Président de séance'), /Lucie Fondeur/);
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Premier comité d’agrément' }).waitFor();
    meetingUrl = new URL(page.url()).pathname;

    const add = page.getByRole('region', { name: 'Ajouter un point à l’ordre du jour' });
    await add.getByLabel('Type de point').selectOption('PROJECT_EXAMINATION');
    await chooseOption(add.getByLabel('Projet'), new RegExp(PROJECT));
    await add.getByRole('button', { name: 'Ajouter le point' }).click();
    await page.getByRole('list', { name: 'Ordre du jour' }).getByText(PROJECT).first().waitFor();

    const mark = mailMark();
    await page.getByRole('button', { name: 'Convoquer les membres' }).click();
    await page.getByRole('heading', { name: /^Convoqués le/ }).waitFor();
    const mails = await mailsSince(mark, 4);
    const convocation = mails.find((m) => m.subject?.startsWith('Convocation\u00a0: Premier comité d’agrément'));
    expect(convocation).toBeDefined();
    const ics = convocation!.attachments.find((a) => a.filename === 'invitation.ics')?.content.toString('utf8');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`DTSTART:${tomorrow.replaceAll('-', '')}T`);
  });

  it('should let the chair and the members run the session, each in their own browser, to an approval', async () => {
    const live = `${baseUrl}${meetingUrl}/live`;
    await Promise.all(Object.values(people).map((b) => b.page.goto(live)));
    const chair = people.chair.page;
    const desk = chair.getByRole('region', { name: 'Pupitre de la présidence' });
    // scheduled tomorrow: opened today with the reason the minutes will give
    await chair.getByLabel(/motif de son ouverture aujourd’hui/).fill('Avancée d’un jour à la demande du bassin');
    await chair.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await chair.getByRole('button', { name: 'Je suis présent(e) en salle' }).click();
    for (const who of ['member', 'prescriber'] as const) {
      await people[who].page.getByRole('button', { name: 'Je participe à distance' }).click();
    }
    // all three organisations there: the ballot's voters are those present when it opens
    await until(chair.getByRole('status', { name: 'Quorum' }), /Quorum atteint : 3 organisations sur 3/);
    await chair.getByRole('button', { name: `Passer au point : ${PROJECT}` }).click();
    await until(people.member.page.getByRole('region', { name: 'Point en cours' }), /Atelier de traitement thermique/);

    await chooseOption(desk.getByLabel('Mandataire proposé'), /Marc Verrier/);
    await desk.getByRole('button', { name: 'Ouvrir le vote' }).click();
    for (const who of ['chair', 'member'] as const) {
      await people[who].page.getByRole('group', { name: 'Mon vote' }).getByRole('button', { name: 'Pour' }).click();
    }
    await until(chair.getByRole('status', { name: 'Avancement du vote' }), /2 votes sur 2/);
    await desk.getByRole('button', { name: 'Clore le vote' }).click();
    await until(people.prescriber.page.getByRole('region', { name: 'Résultat du vote' }), /Adopté/);

    await desk.getByRole('radio', { name: 'Approuvé' }).check();
    await desk.getByLabel('Avance accordée (€)').fill('12000');
    await chooseOption(desk.getByLabel('Mandataire', { exact: true }), /Marc Verrier/);
    await desk.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await until(desk, /Approuvé/).catch(async (error) => {
      throw new Error(`${String(error)}\n${await desk.innerText()}`);
    });
    await until(people.member.page.getByRole('region', { name: 'Décision' }), /Approuvé[\s\S]*12\s000\s€/);
    await desk.getByRole('button', { name: 'Clore la séance' }).click();
    await until(desk, /La séance est close/);
  });

  it('should let the operator record every signature of the convention, then the first disbursement', async () => {
    const { page } = operator;
    await page.getByRole('link', { name: 'Projets' }).first().click();
    await page.getByRole('link', { name: PROJECT }).first().click();
    const convention = page.getByRole('region', { name: 'Convention de coopération' });
    await convention.waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const pending = convention.getByRole('button', { name: /^Enregistrer la signature/ });
    await pending.first().waitFor(); // the signatures are read after the section appears
    for (let left = await pending.count(); left > 0; left -= 1) {
      const row = convention
        .getByRole('row')
        .filter({ has: page.getByRole('button', { name: /^Enregistrer la signature/ }) })
        .first();
      await row.getByLabel(/^Date de signature : /).fill(today);
      await row.getByRole('button', { name: /^Enregistrer la signature/ }).click();
      await expect.poll(() => pending.count()).toBe(left - 1);
    }
    await until(convention, /Signée par toutes les parties/).catch(async (error) => {
      throw new Error(`${String(error)}\n${await page.locator('main').innerText()}`);
    });

    // the advances fund starts empty: the operator records its endowment, or the disbursement is refused
    await page.getByRole('link', { name: 'Programme' }).first().click();
    const fund = page.getByRole('region', { name: 'Compte du fonds d’avances' });
    const endowment = fund.locator('[data-test="endowment-form"]');
    await endowment.getByLabel('Montant de la dotation (€)').fill('50000');
    await endowment.getByLabel('Origine de la dotation').fill('Dotation des collectivités');
    await endowment.getByRole('button', { name: 'Enregistrer la dotation' }).click();
    await endowment.getByText('Dotation enregistrée.').waitFor();
    await until(fund.locator('[data-test="fund-balance"]'), /50\s000\s€/);

    await page.getByRole('link', { name: 'Avances' }).first().click();
    await page
      .getByRole('link', { name: /Traitements Thermiques de Jeumont|Ligne de trempe/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Enregistrer le versement' }).click();
    await page.getByText('Versement enregistré : l’échéancier est établi.').waitFor();
  });
});
