import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openBrowser, signIn, type Browser } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeEach(async () => {
  browser = await openBrowser();
});
afterEach(async () => {
  await browser?.close();
});

describe('a new user of the demo basin', () => {
  it('should sign in as the operator and see the next meeting and its agenda, in French', async () => {
    const { page } = browser;
    await page.goto(baseUrl);
    await page.waitForURL(/\/sign-in/); // signed out: sent to the sign-in page
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await signIn(page, baseUrl, 'operateur@demo.agrement.fr');

    const next = page.getByRole('region', { name: 'Prochaine séance' });
    await next.waitFor();
    const agenda = next.getByRole('list', { name: 'Ordre du jour' });
    await agenda.waitFor();
    const items = await agenda.getByRole('listitem').allInnerTexts();
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.join('\n')).toMatch(/Examen|Information/);
    expect(await next.innerText()).toMatch(/Convoquée/);
  });

  it('should refuse a wrong password with a French message, then switch to English', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Adresse e-mail').fill('operateur@demo.agrement.fr');
    await page.getByLabel('Mot de passe').fill('wrong password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/incorrect/i);
    await page.getByRole('button', { name: 'Changer de langue' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByLabel('Email').fill('operateur@demo.agrement.fr');
    await page.getByLabel('Password').fill('agrement-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('region', { name: 'Next meeting' }).getByRole('list', { name: 'Agenda' }).waitFor();
  });

  it('should show the projects with their diagnosis papers, and the people of the basin', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'presidente@demo.agrement.fr');
    await page.getByRole('link', { name: 'Projets' }).first().click();
    const table = page.getByRole('table');
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(5);
    // open a project examined at the next meeting: its diagnosis paper is shown with its sections
    await page.goto(baseUrl);
    const next = page.getByRole('region', { name: 'Prochaine séance' });
    await next.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const projectLink = page.getByRole('list', { name: 'Ordre du jour' }).getByRole('link').first();
    await projectLink.click();
    await page
      .getByText(/Version \d+/)
      .first()
      .waitFor();
    expect(await page.getByRole('heading', { level: 3 }).count()).toBeGreaterThanOrEqual(3);

    await page.getByRole('link', { name: 'Personnes et organisations' }).first().click();
    await page.getByText('Alstom').first().waitFor();
    expect(await page.getByText('Toyota').count()).toBeGreaterThan(0);
  });

  it('should let the operator invite a person, who sets a password through the one-time link', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'operateur@demo.agrement.fr');
    await page.getByRole('link', { name: 'Personnes et organisations' }).first().click();
    const invite = page.getByRole('region', { name: 'Inviter une personne' });
    const email = `invitee.${Date.now()}@demo.agrement.fr`;
    await invite.getByLabel('Adresse e-mail').fill(email);
    await invite.getByLabel('Prénom').fill('Camille');
    await invite.getByLabel('Nom', { exact: true }).fill('Invitée');
    await invite.getByLabel('Rôle dans le bassin').selectOption('OBSERVER');
    await invite.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    const link = await invite.getByLabel('Lien d’invitation (à usage unique)').inputValue();
    expect(link).toMatch(/\/invitation\/[\w-]{43}$/);

    const invitee = await openBrowser();
    try {
      await invitee.page.goto(link.replace(/^https?:\/\/[^/]+/, baseUrl));
      await invitee.page.getByText('ni un mot de passe courant, ni votre nom').waitFor();
      await invitee.page.getByLabel('Nouveau mot de passe').fill('1234567890');
      await invitee.page.getByLabel('Confirmez le mot de passe').fill('1234567890');
      await invitee.page.getByRole('button', { name: 'Activer mon compte' }).click();
      await invitee.page.getByText('l’un des cent mots de passe les plus utilisés').waitFor();
      await invitee.page.getByLabel('Nouveau mot de passe').fill('un mot de passe solide');
      await invitee.page.getByLabel('Confirmez le mot de passe').fill('un mot de passe solide');
      await invitee.page.getByRole('button', { name: 'Activer mon compte' }).click();
      await invitee.page.getByRole('heading', { level: 1, name: /Bonjour Camille/ }).waitFor();
    } finally {
      await invitee.close();
    }
  });

  it('should sign out', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'observateur@demo.agrement.fr');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${baseUrl}/projects`);
    await page.waitForURL(/\/sign-in/);
  });
});
