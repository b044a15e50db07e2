import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseOption, openBrowser, signIn, type Browser } from './browser.js';
import { api, apiSignIn } from './api.js';
import { flakyNetwork, type FlakyNetwork } from './flaky-network.js';
import { axeViolations, describeViolations } from './axe.js';

/**
 * One full agenda item, live, in four browsers at once — the chair, two members and a partner company — each
 * screen updating without reload; and a member whose network drops mid-ballot sees the true state when it returns.
 */
const baseUrl = inject('baseUrl');
const PROJECT_TITLE = 'Robotisation de la ligne de découpe';
let meetingId: string;
let chair: Browser;
let member: Browser;
let droppingMember: Browser;
let partner: Browser;
let network: FlakyNetwork;
/** The room display, a second tab of the chair's browser (as the operator's laptop on the projector would be). */
let room: Page;
/** How many times each screen fetched the LiveMeeting query over HTTP: once, at first load, is the goal. */
const liveFetches = new Map<Browser, number>();

const progress = (page: Page) => page.getByRole('status', { name: 'Avancement du vote' });

const text = async (page: Page, selector: ReturnType<Page['getByRole']>) =>
  (await selector.innerText()).replace(/\s+/g, ' ');

/** Waits until the element's text (whitespace folded) matches, on that screen, without any reload. */
async function until(page: Page, locator: ReturnType<Page['getByRole']>, pattern: RegExp, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    try {
      last = await text(page, locator);
      if (pattern.test(last)) return last;
    } catch {
      // not rendered yet
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`${pattern} never matched; last text: ${last}`);
}

/** A phone, a tablet, a laptop and a wall screen. */
const SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** How wide the page is drawn at the current size, and which of its controls fall outside the viewport's width. */
async function layoutOf(page: Page, controls: Record<string, ReturnType<Page['getByRole']>>) {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    // what sticks out on the right, innermost first: where to look when the page is too wide
    const out = Array.from(document.body.querySelectorAll('*')).filter(
      (e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && e.getBoundingClientRect().width > 0,
    );
    const innermost = out.filter((e) => !out.some((o) => o !== e && e.contains(o)));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      widest: innermost
        .slice(0, 4)
        .map(
          (e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')} → ${e.getBoundingClientRect().right}`,
        ),
    };
  });
  const cut: string[] = [];
  for (const [name, locator] of Object.entries(controls)) {
    const box = (await locator.isVisible()) ? await locator.boundingBox() : null;
    // seen without zooming or scrolling sideways: drawn, and wholly across the viewport's width
    if (!box || box.x < 0 || box.x + box.width > innerWidth + 0.5) cut.push(name);
  }
  return { scrollWidth, innerWidth, cut, widest };
}

beforeAll(async () => {
  // The operator prepares an extra meeting, as in real life, through the API the client uses. It is set weeks after
  // the demo's next meeting, so that the home page's "next meeting" stays the demo's whatever order files run in.
  const operator = await apiSignIn(baseUrl, 'operateur@demo.agrement.fr');
  const { basins } = await api(baseUrl, operator, '{ basins { id } }');
  const basinId = basins[0].id;
  const { members } = await api(
    baseUrl,
    operator,
    'query($b: ID!) { members(basinId: $b, limit: 200) { items { role person { id email } } } }',
    { b: basinId },
  );
  const idOf = (email: string) => members.items.find((m: any) => m.person.email === email).person.id;
  const { createProject } = await api(
    baseUrl,
    operator,
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    {
      input: {
        basinId,
        title: PROJECT_TITLE,
        prescriberId: idOf('initiative@demo.agrement.fr'),
        jobsPlanned: 4,
        advanceRequested: 10000,
        sme: { siren: '542051180', name: 'Découpe Laser du Hainaut', sector: 'Tôlerie', headcount: 14, town: 'Denain' },
        needs: [{ domain: 'PRODUCTION', profile: 'Ingénieur méthodes', estimatedDays: 10 }],
      },
    },
  );
  await api(
    baseUrl,
    operator,
    `mutation($p: ID!) { saveDiagnosisVersion(projectId: $p, input: { title: "Diagnostic préalable", sections: [{ heading: "Le projet", body: "Automatiser la découpe." }, { heading: "Besoins", body: "Méthodes." }] }) { id } }`,
    { p: createProject.id },
  );
  const { createMeeting } = await api(
    baseUrl,
    operator,
    `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`,
    {
      input: {
        basinId,
        title: 'Comité extraordinaire',
        scheduledAt: new Date(Date.now() + 20 * 86400_000).toISOString(),
        location: 'Visio',
        chairId: idOf('presidente@demo.agrement.fr'),
      },
    },
  );
  meetingId = createMeeting.id;
  const projectItem = await api(
    baseUrl,
    operator,
    `mutation($m: ID!, $p: ID!) { addAgendaItem(meetingId: $m, input: { kind: PROJECT_EXAMINATION, projectId: $p, allottedMinutes: 25 }) { id } }`,
    { m: meetingId, p: createProject.id },
  );
  await api(
    baseUrl,
    operator,
    `mutation($m: ID!) { addAgendaItem(meetingId: $m, input: { kind: INFORMATION, title: "Calendrier 2027", allottedMinutes: 5 }) { id } }`,
    { m: meetingId },
  );
  await api(baseUrl, operator, `mutation($m: ID!) { conveneMeeting(id: $m) { status } }`, { m: meetingId });
  // Two more members are in the room; the operator records it (with the four browsers, 6 of 12 organisations).
  for (const email of ['skf@demo.agrement.fr', 'leroy-merlin@demo.agrement.fr']) {
    await api(
      baseUrl,
      operator,
      `mutation($m: ID!, $p: ID!) { declareAttendance(meetingId: $m, input: { personId: $p, mode: PRESENT }) { mode } }`,
      { m: meetingId, p: idOf(email) },
    );
  }

  // A member who is not in the room has declared a conflict of interest on the project beforehand.
  const leclerc = await apiSignIn(baseUrl, 'leclerc@demo.agrement.fr');
  await api(
    baseUrl,
    leclerc,
    `mutation($i: ID!) { declareConflict(itemId: $i, reason: "Fournisseur de la SME") { id } }`,
    {
      i: projectItem.addAgendaItem.id,
    },
  );

  network = await flakyNetwork(baseUrl);
  [chair, member, droppingMember, partner] = await Promise.all([
    openBrowser(),
    openBrowser(),
    openBrowser(),
    openBrowser(),
  ]);
  for (const b of [chair, member, droppingMember, partner]) {
    liveFetches.set(b, 0);
    b.page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.postData()?.includes('"operationName":"LiveMeeting"'))
        liveFetches.set(b, (liveFetches.get(b) ?? 0) + 1);
    });
  }
  await Promise.all([
    signIn(chair.page, baseUrl, 'presidente@demo.agrement.fr'),
    signIn(member.page, baseUrl, 'saint-gobain@demo.agrement.fr'),
    signIn(droppingMember.page, network.url, 'vallourec@demo.agrement.fr'),
    signIn(partner.page, baseUrl, 'toyota@demo.agrement.fr'),
  ]);
  await Promise.all([
    chair.page.goto(`${baseUrl}/meetings/${meetingId}/live`),
    member.page.goto(`${baseUrl}/meetings/${meetingId}/live`),
    droppingMember.page.goto(`${network.url}/meetings/${meetingId}/live`),
    partner.page.goto(`${baseUrl}/meetings/${meetingId}/live`),
  ]);
});

afterAll(async () => {
  await Promise.all([chair, member, droppingMember, partner].map((b) => b?.close()));
  await network?.close();
});

describe('a live committee session in four browsers', () => {
  it('should open the session from the chair and bring everyone to the current item', async () => {
    // the session is scheduled in twenty days: opening it today needs a reason, which the minutes will give
    await chair.page.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await until(chair.page, chair.page.getByRole('alert'), /un autre jour que celui prévu/);
    await chair.page.getByLabel(/motif de son ouverture aujourd’hui/).fill('Séance avancée : essai du comité');
    await chair.page.getByRole('button', { name: 'Ouvrir la séance' }).click();
    for (const b of [member, droppingMember, partner]) {
      await b.page.getByRole('button', { name: 'Je participe à distance' }).click();
    }
    await chair.page.getByRole('button', { name: 'Je suis présent(e) en salle' }).click();
    const quorum = (b: Browser) => b.page.getByRole('status', { name: 'Quorum' });
    for (const b of [chair, member, droppingMember, partner]) await until(b.page, quorum(b), /Quorum atteint/);

    await chair.page.getByRole('button', { name: `Passer au point : ${PROJECT_TITLE}` }).click();
    for (const b of [member, droppingMember, partner]) {
      const current = b.page.getByRole('region', { name: 'Point en cours' });
      await until(b.page, current, new RegExp(PROJECT_TITLE));
      await until(b.page, current, /Automatiser la découpe/); // the diagnosis paper is on every screen
      await until(b.page, current, /E\. Leclerc|Fournisseur de la SME/); // and the conflicts declared
    }
  });

  it("should show a partner company's pledge on every screen as it is made", async () => {
    const panel = partner.page.getByRole('region', { name: 'Engagements de compétences' });
    await panel.getByLabel('Besoin').selectOption({ index: 1 });
    await panel.getByLabel('Jours').fill('6');
    await panel.getByLabel('Expert nommé (facultatif)').fill('Expert Toyota');
    await panel.getByRole('button', { name: 'Engager ces jours' }).click();
    for (const b of [chair, member, droppingMember]) {
      const coverage = b.page.getByRole('table', { name: 'Couverture des besoins' });
      await until(b.page, coverage, /6 \/ 10 j/);
    }
    await until(chair.page, chair.page.getByRole('list', { name: 'Totaux par entreprise' }), /Toyota.*6 j/);
  });

  it('should open the vote on every screen', async () => {
    const desk = chair.page.getByRole('region', { name: 'Pupitre de la présidence' });
    await chooseOption(desk.getByLabel('Mandataire proposé'), /Toyota/);
    await desk.getByRole('button', { name: 'Ouvrir le vote' }).click();
    for (const b of [chair, member, droppingMember, partner]) await until(b.page, progress(b.page), /0 votes sur 6/);
  });

  it('should fit phones, tablets, laptops and wall screens, and show the room display whole, mid-vote', async () => {
    room = await chair.context.newPage();
    await room.goto(`${baseUrl}/meetings/${meetingId}/room`);
    await until(room, progress(room), /0 votes sur 6/);
    // the room display: the item, its paper, its conflicts, the coverage, the vote's progress, the quorum, the state
    const roomItem = room.getByRole('region', { name: 'Point en cours' });
    await until(room, roomItem, new RegExp(`${PROJECT_TITLE}.*Conflits d’intérêts déclarés.*Fournisseur de la SME`));
    await until(room, room.getByRole('region', { name: 'Diagnostic présenté' }), /Le projet.*Automatiser la découpe/);
    await until(room, room.getByRole('table', { name: 'Couverture des besoins' }), /6 \/ 10 j/);
    await until(room, room.getByRole('status', { name: 'Quorum' }), /Quorum atteint/);
    await until(room, room.getByRole('status', { name: 'État de la séance' }), /Séance ouverte/);

    const screens = {
      chair: {
        page: chair.page,
        controls: {
          'current item': chair.page.getByRole('region', { name: 'Point en cours' }).getByRole('heading', { level: 3 }),
          'vote buttons': chair.page.getByRole('group', { name: 'Mon vote' }).getByRole('button', { name: 'Contre' }),
          'close the vote': chair.page.getByRole('button', { name: 'Clore le vote' }),
        },
      },
      member: {
        page: member.page,
        controls: {
          'current item': member.page
            .getByRole('region', { name: 'Point en cours' })
            .getByRole('heading', { level: 3 }),
          'vote buttons': member.page
            .getByRole('group', { name: 'Mon vote' })
            .getByRole('button', { name: 'Abstention' }),
          'pledge days': member.page.getByRole('region', { name: 'Engagements de compétences' }).getByLabel('Jours'),
          coverage: member.page.getByRole('table', { name: 'Couverture des besoins' }),
          'proxy holder': member.page.getByLabel('Donner procuration à'),
        },
      },
      room: {
        page: room,
        controls: {
          'current item': roomItem.getByRole('heading', { level: 3 }),
          'vote progress': progress(room),
          coverage: room.getByRole('table', { name: 'Couverture des besoins' }),
        },
      },
    };
    const report: string[] = [];
    const failures: string[] = [];
    for (const size of SIZES) {
      for (const [name, { page, controls }] of Object.entries(screens)) {
        await page.setViewportSize(size);
        await page.waitForTimeout(50); // one frame for the layout
        const { scrollWidth, innerWidth, cut, widest } = await layoutOf(page, controls);
        report.push(`${size.width}×${size.height} ${name}: ${scrollWidth} px wide${cut.length ? `, cut: ${cut}` : ''}`);
        if (scrollWidth > innerWidth) report.push(`  sticking out: ${widest.join('; ')}`);
        if (scrollWidth > innerWidth || cut.length) failures.push(report.at(-1)!);
      }
    }
    console.log(`live screens at four sizes:\n  ${report.join('\n  ')}`);
    expect(failures).toEqual([]);

    // the live screens mid-vote (buttons, forms, the coverage and the console all shown) pass axe-core
    const violations: string[] = [];
    for (const [name, { page }] of Object.entries(screens)) {
      await page.setViewportSize({ width: 1280, height: 900 });
      const found = await axeViolations(page);
      if (found.length) violations.push(describeViolations(name, found));
    }
    expect(violations).toEqual([]);

    // every control the keyboard reaches on a member's screen shows a ring of at least 2 px when focused
    const faint: string[] = [];
    await member.page.locator('body').focus();
    for (let i = 0; i < 60; i++) {
      await member.page.keyboard.press('Tab');
      const focused = await member.page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        // a date field hands the focus to its day, month or year, which Chromium highlights itself (and the field
        // then does not always match :focus from a script's point of view)
        if (!e || e === document.body || (e instanceof HTMLInputElement && e.type === 'date')) return null;
        const style = getComputedStyle(e);
        return {
          what: `${e.tagName.toLowerCase()}#${e.id} ${e.className}: outline ${style.outlineStyle} ${style.outlineWidth}`,
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
      });
      if (focused && !focused.ring) faint.push(focused.what);
    }
    expect(faint).toEqual([]);
  }, 120_000);

  it('should run the vote live, and a member whose network drops mid-ballot votes offline and catches up by itself', async () => {
    const desk = chair.page.getByRole('region', { name: 'Pupitre de la présidence' });

    network.drop(); // Vallourec's connection goes down
    await until(
      droppingMember.page,
      droppingMember.page.getByRole('status', { name: 'État de la connexion en direct' }),
      /Reconnexion|Hors ligne/,
    );
    // Vallourec votes while offline: the vote is kept, and said to be waiting
    const offlineVote = droppingMember.page.getByRole('group', { name: 'Mon vote' });
    await offlineVote.getByRole('button', { name: 'Pour' }).click();
    await until(droppingMember.page, offlineVote, /En attente du réseau/);

    await member.page.getByRole('group', { name: 'Mon vote' }).getByRole('button', { name: 'Pour' }).click();
    await partner.page.getByRole('group', { name: 'Mon vote' }).getByRole('button', { name: 'Pour' }).click();
    await chair.page.getByRole('group', { name: 'Mon vote' }).getByRole('button', { name: 'Contre' }).click();
    for (const b of [chair, member, partner]) await until(b.page, progress(b.page), /3 votes sur 6/);
    await until(member.page, member.page.getByRole('group', { name: 'Mon vote' }), /Vote enregistré/);

    network.restore(); // back online: no reload, the screen catches up and the waiting vote goes, counted once
    await until(
      droppingMember.page,
      droppingMember.page.getByRole('status', { name: 'État de la connexion en direct' }),
      /Connecté/,
      30_000,
    );
    for (const b of [chair, member, droppingMember, partner]) await until(b.page, progress(b.page), /4 votes sur 6/);
    await until(droppingMember.page, offlineVote, /Vote enregistré/);
    expect(await droppingMember.page.getByText(/injoignable|En attente du réseau/).count()).toBe(0);

    await desk.getByRole('button', { name: 'Clore le vote' }).click();
    for (const b of [chair, member, droppingMember, partner]) {
      await until(
        b.page,
        b.page.getByRole('region', { name: 'Résultat du vote' }),
        /Adopté.*Pour 3 · Contre 1 · Abstention 0/,
      );
    }
  });

  it('should record the decision and show it everywhere', async () => {
    const desk = chair.page.getByRole('region', { name: 'Pupitre de la présidence' });
    await desk.getByRole('radio', { name: 'Approuvé' }).check();
    await desk.getByLabel('Avance accordée (€)').fill('10000');
    await chooseOption(desk.getByLabel('Mandataire', { exact: true }), /Toyota/);
    await desk.getByRole('button', { name: 'Enregistrer la décision' }).click();
    for (const b of [chair, member, droppingMember, partner]) {
      await until(b.page, b.page.getByRole('region', { name: 'Décision' }), /Approuvé.*10 000 €/);
    }
    const projects = await api(
      baseUrl,
      await apiSignIn(baseUrl, 'observateur@demo.agrement.fr'),
      `query($m: ID!) { meeting(id: $m) { items { project { status } decision { outcome } } } }`,
      { m: meetingId },
    );
    expect(projects.meeting.items[0]).toEqual({ project: { status: 'APPROVED' }, decision: { outcome: 'APPROVED' } });
  });

  it('should have fetched the live view once per screen: every change since was pushed, the drop caught up', () => {
    expect([chair, member, droppingMember, partner].map((b) => liveFetches.get(b))).toEqual([1, 1, 1, 1]);
  });

  it('should ask the chair before closing with an item not treated, defer it, and say so in the minutes', async () => {
    const desk = chair.page.getByRole('region', { name: 'Pupitre de la présidence' });
    await desk.getByRole('button', { name: 'Clore la séance' }).click();
    const confirm = desk.getByRole('alertdialog');
    await until(chair.page, confirm, /n’a pas été traité.*Calendrier 2027/);
    await confirm.getByRole('button', { name: 'Reporter et clore la séance' }).click();
    await until(chair.page, desk, /La séance est close/);
    await until(room, room.getByRole('status', { name: 'État de la séance' }), /Séance close/);
    const { minutes } = await api(
      baseUrl,
      await apiSignIn(baseUrl, 'operateur@demo.agrement.fr'),
      `query($m: ID!) { minutes(meetingId: $m) { introduction conclusion openingReason } }`,
      { m: meetingId },
    );
    expect(minutes.openingReason).toBe('Séance avancée : essai du comité');
    expect(minutes.conclusion).toMatch(/^Le point suivant n’ayant pu être examiné est reporté .*Calendrier 2027/);
  });
});
