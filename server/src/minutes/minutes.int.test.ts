import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import {
  approveProject,
  ok,
  openWithQuorum,
  prepareSession,
  signInAll,
  vote,
  type PreparedSession,
  type Who,
} from '../test/committee-session.js';
import { pdfText } from '../test/pdf-text.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { Minutes } from './minutes.entity.js';

const MINUTES = `query($id: ID!) { minutes(meetingId: $id) {
  id status version introduction otherBusiness conclusion chair pdfUrl approvedAt
  approvedByBallot { id } approvedInMeeting { id } updatedBy { email } itemNotes { agendaItemId notes }
  quorum { basis percent present total required reached }
  attendance { name organisation mode proxyHolder }
  items { agendaItemId kind title status deferralReason projectTitle smeName paperVersion
    pledges { organisation domain profile days expertName }
    ballots { kind motion forCount againstCount abstainCount eligible result votes { name choice proxyHolder } }
    recusals { name organisation reason }
    decision { outcome advanceAmount mandatary reasons }
    minutesOf { meetingId title approved } }
} }`;
const UPDATE = `mutation($id: ID!, $input: MinutesInput!) { updateMinutes(meetingId: $id, input: $input) { version introduction otherBusiness itemNotes { agendaItemId notes } updatedBy { email } } }`;
const ADD_ITEM = `mutation($m: ID!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, input: $input) { id title kind minutesOfMeeting { id } } }`;

let server: TestServer;
let a: TestBasin;
let tokens: Record<Who, string>;
let session: PreparedSession;
let strangerToken: string;

const download = (meetingId: string, token?: string) =>
  fetch(`${server.url}/files/minutes/${meetingId}.pdf`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'mn');
  await createTestBasin(server.orm.em.fork(), 'mo');
  tokens = await signInAll(server, 'mn');
  strangerToken = await signInToken(server, 'operator@mo.test', PASSWORD);
  session = await prepareSession(server, a, {
    title: 'Certification ISO 9001',
    scheduledAt: new Date('2026-03-12T08:30:00Z'),
  });
  // the session: the project approved by secret ballot, a named vote on the budget, a point deferred
  await openWithQuorum(server, a, tokens, session.meetingId);
  await approveProject(server, a, tokens, session, { ballot: 'SECRET', advance: 15000 });
  await ok(server, tokens.chair, `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, { i: session.infoItemId });
  const named = await ok(
    server,
    tokens.chair,
    `mutation($item: ID!) { openBallot(itemId: $item, input: { kind: NAMED, motion: "Adopter le budget 2027" }) { id } }`,
    { item: session.infoItemId },
  );
  await vote(server, tokens.chair, named.openBallot.id, 'FOR');
  await vote(server, tokens.member, named.openBallot.id, 'ABSTAIN');
  await vote(server, tokens.othermember, named.openBallot.id, 'AGAINST');
  await vote(server, tokens.othermember, named.openBallot.id, 'FOR', a.people.thirdMember.id);
  await ok(server, tokens.chair, `mutation($b: ID!) { closeBallot(ballotId: $b) { id } }`, { b: named.openBallot.id });
  await ok(
    server,
    tokens.chair,
    `mutation($i: ID!) { actOnAgendaItem(itemId: $i, action: DEFER, reason: "Attendre l'avis des collectivités") { id } }`,
    { i: session.deferredItemId },
  );
});
afterAll(() => server?.close());

describe('the minutes of a session', () => {
  it('should not exist before the session closes, and be drafted by the close', async () => {
    expect((await ok(server, tokens.operator, MINUTES, { id: session.meetingId })).minutes).toBeNull();
    await ok(server, tokens.chair, `mutation($id: ID!) { closeMeeting(id: $id) { status } }`, {
      id: session.meetingId,
    });
    const minutes = (await ok(server, tokens.member, MINUTES, { id: session.meetingId })).minutes;
    expect(minutes).toMatchObject({
      status: 'DRAFT',
      version: 1,
      chair: 'chair mn',
      pdfUrl: `/files/minutes/${session.meetingId}.pdf`,
      approvedAt: null,
      quorum: { basis: 'ORGANISATION', percent: 50, present: 4, total: 4, required: 2, reached: true },
    });
    expect(minutes.introduction).toMatch(/Basin mn.*jeudi 12 mars 2026.*CCI, salle Watteau.*chair mn/);
    expect(minutes.attendance).toEqual(
      expect.arrayContaining([
        { name: 'chair mn', organisation: 'Partner mn', mode: 'PRESENT', proxyHolder: null },
        { name: 'member mn', organisation: 'Partner mn', mode: 'REMOTE', proxyHolder: null },
        {
          name: 'thirdmember mn',
          organisation: 'Third partner mn',
          mode: 'REPRESENTED',
          proxyHolder: 'othermember mn',
        },
      ]),
    );
  });

  it('should record each item: paper version, pledges, a secret ballot by its totals only, recusals, decision', async () => {
    const minutes = (await ok(server, tokens.operator, MINUTES, { id: session.meetingId })).minutes;
    const [project, budget, deferred] = minutes.items;
    expect(project).toMatchObject({
      kind: 'PROJECT_EXAMINATION',
      status: 'DONE',
      projectTitle: 'Certification ISO 9001',
      smeName: 'Mécanique mn',
      paperVersion: 2,
      pledges: [
        {
          organisation: 'Partner mn',
          domain: 'QUALITY',
          profile: 'Ingénieur qualité',
          days: 6,
          expertName: 'Hélène Expert',
        },
        { organisation: 'Other partner mn', domain: 'HR', profile: 'Recruteur', days: 2.5, expertName: null },
      ],
      ballots: [
        { kind: 'SECRET', forCount: 2, againstCount: 1, abstainCount: 0, eligible: 3, result: 'ADOPTED', votes: null },
      ],
      decision: { outcome: 'APPROVED', advanceAmount: 15000, mandatary: 'othermember mn' },
    });
    expect(project.recusals).toEqual(
      expect.arrayContaining([
        { name: 'member mn', organisation: 'Partner mn', reason: 'Cousin du dirigeant' },
        { name: 'prescriber mn', organisation: 'Initiative mn', reason: 'Organisation prescriptrice du projet' },
      ]),
    );
    // nothing stored for the secret ballot names a voter (its motion names the proposed mandatary, who voted too)
    const stored = await server.orm.em.fork().findOneOrFail(Minutes, { meeting: session.meetingId });
    const secret = stored.content.items[0]!.ballots[0]!;
    expect(secret.votes).toBeNull();
    const { motion, ...rest } = secret;
    expect(motion).toMatch(/mandataire proposé\u00a0: othermember mn/);
    for (const name of ['chair mn', 'othermember mn', 'thirdmember mn'])
      expect(JSON.stringify(rest)).not.toContain(name);
    expect(budget.ballots[0]).toMatchObject({ kind: 'NAMED', forCount: 2, againstCount: 1, abstainCount: 1 });
    expect(budget.ballots[0].votes).toEqual([
      { name: 'chair mn', choice: 'FOR', proxyHolder: null },
      { name: 'member mn', choice: 'ABSTAIN', proxyHolder: null },
      { name: 'othermember mn', choice: 'AGAINST', proxyHolder: null },
      { name: 'thirdmember mn', choice: 'FOR', proxyHolder: 'othermember mn' },
    ]);
    expect(deferred).toMatchObject({ status: 'DEFERRED', deferralReason: "Attendre l'avis des collectivités" });
  });

  it('should let the operator edit the draft, and only the operator', async () => {
    const input = {
      introduction: 'Le comité s’est réuni à la CCI.',
      otherBusiness: 'Prochaine visite d’entreprise : Sevelnord, en juin.',
      itemNotes: [
        {
          agendaItemId: session.projectItemId,
          notes: 'Présentation par le prescripteur ; questions sur le plan de financement.',
        },
      ],
      expectedVersion: 1,
    };
    expect(codeOf(await gql(server, UPDATE, { id: session.meetingId, input }, { token: tokens.chair }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await gql(server, UPDATE, { id: session.meetingId, input }, { token: strangerToken }))).toBe(
      'NOT_FOUND',
    );
    const edited = (await ok(server, tokens.operator, UPDATE, { id: session.meetingId, input })).updateMinutes;
    expect(edited).toMatchObject({
      version: 2,
      introduction: input.introduction,
      otherBusiness: input.otherBusiness,
      itemNotes: input.itemNotes,
      updatedBy: { email: 'operator@mn.test' },
    });
    const stale = await gql(server, UPDATE, { id: session.meetingId, input }, { token: tokens.operator });
    expect(codeOf(stale)).toBe('CONFLICT');
    const unknownItem = await gql(
      server,
      UPDATE,
      { id: session.meetingId, input: { itemNotes: [{ agendaItemId: session.meetingId, notes: 'x' }] } },
      { token: tokens.operator },
    );
    expect(codeOf(unknownItem)).toBe('BAD_USER_INPUT');
    expect((await ok(server, tokens.operator, MINUTES, { id: session.meetingId })).minutes.version).toBe(2);
  });

  it('should serve the draft as a French PDF marked PROJET to the basin only', async () => {
    expect((await download(session.meetingId)).status).toBe(401);
    expect((await download(session.meetingId, strangerToken)).status).toBe(404);
    expect((await download(session.meetingId, tokens.smeleader)).status).toBe(403);
    const response = await download(session.meetingId, tokens.observer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="proces-verbal-2026-03-12-projet.pdf"');
    const saved = await fetch(`${server.url}/files/minutes/${session.meetingId}.pdf?download=1`, {
      headers: { authorization: `Bearer ${tokens.observer}` },
    });
    expect(saved.headers.get('content-disposition')).toMatch(/^attachment; /);
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain('Procès-verbal de la séance du jeudi 12 mars 2026');
    expect(text).toContain('PROJET');
    expect(text).not.toContain('APPROUVÉ');
    for (const expected of [
      'Présences et quorum',
      'représenté(e) par othermember mn',
      'Certification ISO 9001',
      'version 2',
      'Vote à bulletin secret',
      'avance remboursable de 15 000 €',
      'mandataire : othermember mn',
      'Cousin du dirigeant',
      'Vote nominatif',
      'Point ajourné',
      'Questions diverses',
      'Sevelnord, en juin',
      'plan de financement',
    ]) {
      expect(text).toContain(expected);
    }
  });

  let nextMeetingId: string;

  it('should take a minutes approval item only for a closed session of the basin with draft minutes', async () => {
    const created = await ok(
      server,
      tokens.operator,
      `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`,
      {
        input: {
          basinId: a.basin.id,
          title: 'Séance suivante',
          scheduledAt: '2026-05-12T08:30:00Z',
          chairId: a.people.chair.id,
        },
      },
    );
    nextMeetingId = created.createMeeting.id;
    const before = await server.orm.em.fork().count(AgendaItem, { meeting: nextMeetingId });
    const add = (input: Record<string, unknown>, token = tokens.operator) =>
      gql(server, ADD_ITEM, { m: nextMeetingId, input }, { token });
    expect(codeOf(await add({ kind: 'MINUTES_APPROVAL', minutesOfMeetingId: nextMeetingId }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await add({ kind: 'INFORMATION', title: 'x', minutesOfMeetingId: session.meetingId }))).toBe(
      'BAD_USER_INPUT',
    );
    const foreign = await prepareSession(server, (await createTestBasin(server.orm.em.fork(), 'mp')) as TestBasin, {
      title: 'Ailleurs',
    });
    expect(codeOf(await add({ kind: 'MINUTES_APPROVAL', minutesOfMeetingId: foreign.meetingId }))).toBe('NOT_FOUND');
    const open = await prepareSession(server, a, { title: 'Pas encore tenue' });
    expect(codeOf(await add({ kind: 'MINUTES_APPROVAL', minutesOfMeetingId: open.meetingId }))).toBe('INVALID_STATE');
    expect(await server.orm.em.fork().count(AgendaItem, { meeting: nextMeetingId })).toBe(before);
    const item = (
      await ok(server, tokens.operator, ADD_ITEM, {
        m: nextMeetingId,
        input: { kind: 'MINUTES_APPROVAL', minutesOfMeetingId: session.meetingId, allottedMinutes: 10 },
      })
    ).addAgendaItem;
    expect(item).toEqual({
      id: expect.any(String),
      kind: 'MINUTES_APPROVAL',
      title: 'Approbation du procès-verbal de la séance du jeudi 12 mars 2026',
      minutesOfMeeting: { id: session.meetingId },
    });
  });

  it('should approve the minutes when the ballot on that item is adopted, after which they never change', async () => {
    await ok(server, tokens.operator, `mutation($id: ID!) { conveneMeeting(id: $id) { status } }`, {
      id: nextMeetingId,
    });
    await openWithQuorum(server, a, tokens, nextMeetingId);
    const meeting = await ok(server, tokens.chair, `query($id: ID!) { meeting(id: $id) { items { id kind } } }`, {
      id: nextMeetingId,
    });
    const itemId = meeting.meeting.items.find((i: any) => i.kind === 'MINUTES_APPROVAL').id;
    await ok(server, tokens.chair, `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, { i: itemId });
    const ballot = await ok(
      server,
      tokens.chair,
      `mutation($item: ID!) { openBallot(itemId: $item, input: { kind: NAMED }) { id motion } }`,
      { item: itemId },
    );
    await vote(server, tokens.chair, ballot.openBallot.id, 'FOR');
    await vote(server, tokens.othermember, ballot.openBallot.id, 'FOR');
    expect((await ok(server, tokens.operator, MINUTES, { id: session.meetingId })).minutes.status).toBe('DRAFT');
    await ok(server, tokens.chair, `mutation($b: ID!) { closeBallot(ballotId: $b) { result } }`, {
      b: ballot.openBallot.id,
    });
    const minutes = (await ok(server, tokens.operator, MINUTES, { id: session.meetingId })).minutes;
    expect(minutes).toMatchObject({
      status: 'APPROVED',
      approvedAt: expect.any(String),
      approvedByBallot: { id: ballot.openBallot.id },
      approvedInMeeting: { id: nextMeetingId },
    });
    const refused = await gql(
      server,
      UPDATE,
      { id: session.meetingId, input: { otherBusiness: 'Trop tard' } },
      {
        token: tokens.operator,
      },
    );
    expect(codeOf(refused)).toBe('INVALID_STATE');
    expect((await ok(server, tokens.operator, MINUTES, { id: session.meetingId })).minutes.otherBusiness).not.toBe(
      'Trop tard',
    );
    // a second approval item is refused: the minutes are approved
    const again = await gql(
      server,
      ADD_ITEM,
      {
        m: (await prepareSession(server, a, { title: 'Encore' })).meetingId,
        input: { kind: 'MINUTES_APPROVAL', minutesOfMeetingId: session.meetingId },
      },
      { token: tokens.operator },
    );
    expect(codeOf(again)).toBe('INVALID_STATE');
  });

  it('should serve the approved minutes marked APPROUVÉ, without the draft marking', async () => {
    const response = await download(session.meetingId, tokens.operator);
    expect(response.status).toBe(200);
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain('Procès-verbal de la séance du jeudi 12 mars 2026');
    expect(text).toMatch(/APPROUVÉ le \S+ \d+ \S+ \d{4}/);
    expect(text).not.toContain('PROJET');
    // the audit chain's head at approval, printed (docs/DECISIONS.md, "Audit trail")
    const { minutes } = await ok(
      server,
      tokens.operator,
      `query($id: ID!) { minutes(meetingId: $id) { auditHeadSeq auditHeadHash } }`,
      { id: session.meetingId },
    );
    expect(minutes.auditHeadSeq).toBeGreaterThan(0);
    expect(text).toMatch(new RegExp(`Journal d’audit.*entrée n°\\s*${minutes.auditHeadSeq}\\b`));
    expect(text.replace(/\s+/g, '')).toContain(minutes.auditHeadHash);
  });

  it('should record the approval in the minutes of the approving session once it closes', async () => {
    await ok(server, tokens.chair, `mutation($id: ID!) { closeMeeting(id: $id) { status } }`, { id: nextMeetingId });
    const minutes = (await ok(server, tokens.operator, MINUTES, { id: nextMeetingId })).minutes;
    expect(minutes.items[0]).toMatchObject({
      kind: 'MINUTES_APPROVAL',
      minutesOf: { meetingId: session.meetingId, approved: true },
      ballots: [{ result: 'ADOPTED', forCount: 2 }],
    });
  });
});
