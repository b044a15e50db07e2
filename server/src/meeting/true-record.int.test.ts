import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, type TestBasin } from '../test/fixtures.js';
import { ok, prepareSession, signInAll, type Who } from '../test/committee-session.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Meeting } from './meeting.entity.js';
import { AgendaItem, AgendaItemStatus } from './agenda-item.entity.js';

/** The rules that keep a session's record true: its day, who presides, and what it did not treat. */

const OPEN = `mutation($id: ID!, $reason: String) { openMeeting(id: $id, reason: $reason) { status openingReason presidedBy { email } } }`;
const CLOSE = `mutation($id: ID!, $defer: Boolean) { closeMeeting(id: $id, deferUntreated: $defer) { status } }`;
const ATTEND = `mutation($id: ID!, $input: AttendanceInput!) { declareAttendance(meetingId: $id, input: $input) { mode } }`;
const MINUTES = `query($id: ID!) { minutes(meetingId: $id) { introduction conclusion chair absentChair openingReason items { title status deferralReason } } }`;

let server: TestServer;
let a: TestBasin;
let tokens: Record<Who, string>;

const as = (who: Who, query: string, variables: Record<string, unknown>) =>
  gql(server, query, variables, { token: tokens[who] });
const inDays = (days: number) => new Date(Date.now() + days * 86400_000);

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'tr');
  // the member of the chair's company is the committee's vice-chair
  const em = server.orm.em.fork();
  em.create(Membership, {
    person: a.people.member.id,
    basin: a.basin.id,
    role: Role.VICE_CHAIR,
    organisation: a.partner.id,
  });
  await em.flush();
  tokens = await signInAll(server, 'tr');
});
afterAll(() => server?.close());

describe('a true record of the session', () => {
  it('should open a session on its day only, or on another day with a reason that the minutes give', async () => {
    const session = await prepareSession(server, a, { title: 'Séance avancée', scheduledAt: inDays(3) });
    const early = await as('chair', OPEN, { id: session.meetingId });
    expect(codeOf(early)).toBe('NOT_SCHEDULED_DAY');
    expect(codeOf(await as('chair', OPEN, { id: session.meetingId, reason: 'x'.repeat(1001) }))).toBe('BAD_USER_INPUT');
    expect((await server.orm.em.fork().findOneOrFail(Meeting, session.meetingId)).status).toBe('CONVENED');

    const reason = 'Deux membres indisponibles à la date prévue';
    const opened = await as('chair', OPEN, { id: session.meetingId, reason });
    expect(opened.data?.openMeeting).toEqual({
      status: 'OPEN',
      openingReason: reason,
      presidedBy: { email: 'chair@tr.test' },
    });
    await ok(server, tokens.chair, CLOSE, { id: session.meetingId, defer: true });
    const minutes = (await ok(server, tokens.operator, MINUTES, { id: session.meetingId })).minutes;
    expect(minutes.openingReason).toBe(reason);
    expect(minutes.introduction).toContain(`prévue le`);
    expect(minutes.introduction).toContain(`pour le motif suivant\u00a0: ${reason}.`);
  });

  it('should let the operator assist a session but never preside it', async () => {
    const session = await prepareSession(server, a, { title: 'Séance assistée' });
    expect(codeOf(await as('operator', OPEN, { id: session.meetingId }))).toBe('OPERATOR_CANNOT_PRESIDE');
    await ok(server, tokens.chair, OPEN, { id: session.meetingId });
    // assisting: attendance and the agenda
    await ok(server, tokens.operator, ATTEND, {
      id: session.meetingId,
      input: { personId: a.people.chair.id, mode: 'PRESENT' },
    });
    await ok(server, tokens.operator, `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, {
      i: session.infoItemId,
    });
    // presiding: ballots, decisions, the close
    const ballot = await as('operator', `mutation($i: ID!) { openBallot(itemId: $i, input: { kind: NAMED }) { id } }`, {
      i: session.infoItemId,
    });
    expect(codeOf(ballot)).toBe('OPERATOR_CANNOT_PRESIDE');
    expect(codeOf(await as('operator', CLOSE, { id: session.meetingId, defer: true }))).toBe('OPERATOR_CANNOT_PRESIDE');
    expect(codeOf(await as('member', CLOSE, { id: session.meetingId, defer: true }))).toBe('NOT_CHAIR');
    await ok(server, tokens.chair, CLOSE, { id: session.meetingId, defer: true });
  });

  it('should let the vice-chair preside only in the chair’s absence, and name who presided in the minutes', async () => {
    const session = await prepareSession(server, a, { title: 'Séance sans le président' });
    expect(codeOf(await as('member', OPEN, { id: session.meetingId }))).toBe('CHAIR_PRESENT');
    expect(codeOf(await as('othermember', OPEN, { id: session.meetingId }))).toBe('NOT_CHAIR');
    await ok(server, tokens.operator, ATTEND, {
      id: session.meetingId,
      input: { personId: a.people.chair.id, mode: 'EXCUSED' },
    });
    const opened = await ok(server, tokens.member, OPEN, { id: session.meetingId });
    expect(opened.openMeeting.presidedBy).toEqual({ email: 'member@tr.test' });
    // the absent chair does not preside a session the vice-chair opened
    expect(codeOf(await as('chair', CLOSE, { id: session.meetingId, defer: true }))).toBe('NOT_CHAIR');
    await ok(server, tokens.member, CLOSE, { id: session.meetingId, defer: true });
    const minutes = (await ok(server, tokens.operator, MINUTES, { id: session.meetingId })).minutes;
    expect(minutes).toMatchObject({ chair: 'member tr', absentChair: 'chair tr' });
    expect(minutes.introduction).toContain('sous la présidence de member tr, vice-président(e) du comité, en l');
    expect(minutes.introduction).toContain('absence de chair tr');
  });

  it('should ask before closing with items not treated, defer them, and say so in the minutes', async () => {
    const session = await prepareSession(server, a, { title: 'Séance écourtée' });
    await ok(server, tokens.chair, OPEN, { id: session.meetingId });
    await ok(server, tokens.chair, `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, {
      i: session.projectItemId,
    });
    const refused = await as('chair', CLOSE, { id: session.meetingId });
    expect(codeOf(refused)).toBe('UNTREATED_ITEMS');
    expect(refused.errors?.[0]?.extensions?.items).toEqual([
      { id: session.infoItemId, title: expect.any(String) },
      { id: session.deferredItemId, title: expect.any(String) },
    ]);
    const em = server.orm.em.fork();
    expect((await em.findOneOrFail(Meeting, session.meetingId)).status).toBe('OPEN');
    expect((await em.findOneOrFail(AgendaItem, session.infoItemId)).status).toBe(AgendaItemStatus.PENDING);

    await ok(server, tokens.chair, CLOSE, { id: session.meetingId, defer: true });
    const minutes = (await ok(server, tokens.operator, MINUTES, { id: session.meetingId })).minutes;
    expect(minutes.items.map((i: { status: string }) => i.status)).toEqual(['DONE', 'DEFERRED', 'DEFERRED']);
    expect(minutes.conclusion).not.toContain('épuisé');
    expect(minutes.conclusion).toMatch(
      /^Les points suivants n’ayant pu être examinés sont reportés à une séance ultérieure\u00a0: «\u00a0.+\u00a0»\u00a0; «\u00a0.+\u00a0»\. Sur ce, la séance est levée à /,
    );
  });
});
