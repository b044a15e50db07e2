import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, signIn, type Browser } from './browser.js';
import { api, apiSignIn } from './api.js';

/** The steering committee reviews the committee's decisions after the fact and gives the basin its orientations. */
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the steering committee', () => {
  it('should validate a decision, question another onto the next agenda, and record an orientation', async () => {
    const { page } = browser;
    await signIn(page, baseUrl, 'metropole@demo.agrement.fr');
    await page.getByRole('link', { name: 'Comité de pilotage' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Comité de pilotage' }).waitFor();
    // each decision is an item of the list (its reviews are a list inside it)
    const decisions = page.getByRole('list', { name: 'Décisions du comité d’agrément' }).locator(':scope > li');
    await decisions.first().waitFor();

    // the newest decision: validated
    const first = decisions.first();
    const firstTitle = await first.getAttribute('aria-label');
    await first.getByRole('button', { name: 'Valider' }).click();
    await page
      .getByRole('listitem', { name: firstTitle! })
      .getByText(/Validée — Patrick Dumortier/)
      .waitFor();

    // the next one: questioned, and the question goes on the next session's agenda
    const second = decisions.nth(1);
    const secondTitle = (await second.getAttribute('aria-label'))!;
    await second.getByRole('button', { name: 'Questionner' }).click();
    await page.getByLabel('Question au comité d’agrément').fill('Le plan de recrutement a-t-il été vérifié ?');
    await page.getByRole('button', { name: 'Envoyer la question' }).click();
    await page
      .getByRole('status')
      .getByText(/Question inscrite à l’ordre du jour de/)
      .waitFor();
    const questioned = page.getByRole('listitem', { name: secondTitle });
    await questioned.getByText('Questionnée', { exact: true }).waitFor();
    await questioned.getByRole('link', { name: /à l’ordre du jour de/ }).click();
    const agendaItem = page
      .getByRole('listitem')
      .filter({ hasText: `Question du comité de pilotage\u00a0: ${secondTitle}` });
    await agendaItem.getByText(/Le plan de recrutement a-t-il été vérifié/).waitFor();
    const meetingId = new URL(page.url()).pathname.split('/')[2]!;

    // an orientation for the basin
    await page.getByRole('link', { name: 'Comité de pilotage' }).first().click();
    await page.getByLabel('Intitulé').fill('Priorité aux projets industriels');
    await page.getByLabel('Texte de l’orientation').fill('Examiner en priorité les projets qui créent des emplois.');
    await page.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
    const orientations = page.getByRole('list', { name: 'Orientations' });
    await orientations.getByText('Priorité aux projets industriels').waitFor();
    expect(await orientations.innerText()).toContain('Patrick Dumortier');

    // the committee answered: the member validates, and the operator takes the item off the demo's agenda so that
    // the other scenarios find it as it was (the answered question is not put on any later agenda)
    await page.getByRole('listitem', { name: secondTitle }).getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('listitem', { name: secondTitle }).locator('.status-tag', { hasText: 'Validée' }).waitFor();
    const token = await apiSignIn(baseUrl, 'operateur@demo.agrement.fr');
    const { meeting } = await api(baseUrl, token, `query($id: ID!) { meeting(id: $id) { items { id title } } }`, {
      id: meetingId,
    });
    const item = meeting.items.find((i: { title: string }) => i.title.startsWith('Question du comité de pilotage'));
    await api(baseUrl, token, `mutation($id: ID!) { removeAgendaItem(id: $id) { id } }`, { id: item.id });
  });
});
