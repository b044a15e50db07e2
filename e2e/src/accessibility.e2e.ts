import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, signIn, type Browser } from './browser.js';
import { api, apiSignIn } from './api.js';
import { LANGUAGE_RULES, axeViolations, describeViolations, watchTraffic, type Violation } from './axe.js';
import { root } from './server.js';

/**
 * Every page of the application, as the person who uses it, checked by axe-core in French and in English side by
 * side: one browser per language on the shared server, one visit per page and language. Any violation fails, and the count per page is
 * printed so that a regression names its page.
 */
const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const PASSWORD = 'contraste et focus visibles partout';
let browser: Browser;
let english: Browser | undefined;
let networkHeadEmail = '';
/** Who visits which pages (paths with the demo basin's ids filled in). */
let visits: { who: string | null; paths: string[] }[] = [];

beforeAll(async () => {
  // the national head, as the administration scenario makes one: the admin command, then the invitation (first: a
  // command that takes seconds would leave the API's kept-alive connection to time out under it)
  networkHeadEmail = `tete.a11y.${Date.now().toString(36)}@programme.test`;
  const created = spawnSync(
    process.execPath,
    [path.join(root, 'server', 'dist', 'scripts', 'admin.js'), 'create-network-head', networkHeadEmail],
    {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', PUBLIC_URL: baseUrl },
      encoding: 'utf8',
    },
  );
  const token = /\/invitation\/([\w-]+)/.exec(created.stdout)?.[1];
  if (!token) throw new Error(`no invitation: ${created.stdout}${created.stderr}`);
  await api(
    baseUrl,
    null,
    'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { __typename } }',
    {
      t: token,
      p: PASSWORD,
    },
  );

  const operator = await apiSignIn(baseUrl, 'operateur@demo.agrement.fr');
  const { basins } = await api(baseUrl, operator, '{ basins { id } }');
  const b = basins[0].id;
  const { meetings, projects, advances, organisations } = await api(
    baseUrl,
    operator,
    `query($b: ID!) {
      meetings(basinId: $b, limit: 50) { items { id status } }
      projects(basinId: $b, limit: 50) { items { id status } }
      advances(basinId: $b, limit: 1) { items { id } }
      organisations(basinId: $b, kind: PARTNER_COMPANY, limit: 1) { items { id } }
    }`,
    { b },
  );
  const first = (list: { id: string; status: string }[], status: string) => list.find((x) => x.status === status)?.id;
  const next = first(meetings.items, 'CONVENED');
  const past = first(meetings.items, 'CLOSED');
  const examined = projects.items.find((p: { status: string }) => p.status !== 'DRAFT').id as string;
  const followed = first(projects.items, 'FOLLOW_UP') ?? examined;

  visits = [
    { who: null, paths: ['/sign-in', '/invitation/not-a-token'] },
    {
      who: 'operateur@demo.agrement.fr',
      paths: [
        '/',
        '/meetings',
        '/meetings/new',
        `/meetings/${next}`,
        `/meetings/${next}/edit`,
        `/meetings/${past}`,
        `/meetings/${next}/live`,
        `/meetings/${next}/room`,
        '/projects',
        '/projects/new',
        `/projects/${examined}`,
        `/projects/${examined}/edit`,
        `/projects/${followed}/follow-up`,
        '/people',
        `/partners/${organisations.items[0].id}`,
        '/dashboard',
        '/advances',
        `/advances/${advances.items[0].id}`,
        '/import',
        '/administration',
        '/audit',
        '/programme',
        '/no-such-page',
      ],
    },
    { who: 'presidente@demo.agrement.fr', paths: ['/', `/meetings/${next}/live`] },
    { who: 'alstom@demo.agrement.fr', paths: ['/follow-up'] },
    { who: 'observateur@demo.agrement.fr', paths: ['/steering'] },
    { who: 'dirigeant@demo.agrement.fr', paths: ['/'] },
    { who: networkHeadEmail, paths: ['/network'] },
  ];
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await english?.close();
});

type Found = { where: string; violations: Violation[] };

/** Every page of `visits` in one language, in its own browser, as each person who uses it. */
async function visitAll({ page, context }: Browser, language: 'fr' | 'en'): Promise<Found[]> {
  watchTraffic(page);
  // English as a person who chose it earlier (the interface remembers the choice); the French round clicks the switch
  if (language === 'en') await context.addInitScript(() => localStorage.setItem('agrement.locale', 'en'));
  const found: Found[] = [];
  for (const { who, paths } of visits) {
    await context.clearCookies();
    if (who) await signIn(page, baseUrl, who, who === networkHeadEmail ? PASSWORD : undefined, language);
    for (const p of paths) {
      await page.goto(`${baseUrl}${p}`);
      await page.locator('main h1, h1').first().waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      found.push({
        where: `${language} ${who ?? 'signed out'} ${p}`,
        violations: await axeViolations(page, language === 'fr' ? null : LANGUAGE_RULES),
      });
    }
  }
  if (language === 'fr') {
    await page.getByRole('button', { name: 'Changer de langue' }).click();
    await page.locator('html[lang="en"]').waitFor();
  }
  return found;
}

describe('accessibility of every page', () => {
  it('should have no axe-core violation on any page, in French and in English', async () => {
    // the two languages side by side, one browser each: axe's work in the pages is most of the time
    english = await openBrowser();
    const found = (await Promise.all([visitAll(browser, 'fr'), visitAll(english, 'en')])).flat();
    const total = found.reduce((n, f) => n + f.violations.length, 0);
    console.log(
      `axe-core: ${found.length} pages, ${total} violations\n` +
        found.map((f) => `  ${f.violations.length} ${f.where}`).join('\n'),
    );
    const details = found
      .filter((f) => f.violations.length > 0)
      .map((f) => describeViolations(f.where, f.violations))
      .join('\n');
    expect(total, details).toBe(0);
  }, 300_000);
});
