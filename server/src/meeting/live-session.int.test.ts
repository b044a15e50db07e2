import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { codeOf, gql, signInToken, startTestServer, wsClient, wsRequest, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project } from '../project/project.entity.js';
import { CompetenceNeed } from '../project/competence-need.entity.js';
import { Meeting, MeetingStatus } from './meeting.entity.js';
import { AgendaItem, AgendaItemKind } from './agenda-item.entity.js';
import { BallotParticipation } from '../ballot/ballot.entity.js';
import { Advance } from '../advance/advance.entity.js';

/** The whole live flow of one project item, through real HTTP and websocket clients, as the committee runs it. */

const LIVE = `query($id: ID!) { meeting(id: $id) {
  status quorum { present total required reached }
  committee { person { email } attendance connected }
  hands { person { email } }
  currentItem { id status }
  items { id status coverage { daysNeeded daysPledged needs { daysNeeded daysPledged need { profile } } companies { organisation { name } days } }
    ballot { id status kind votedCount eligibleCount recusedCount result tally { for against abstain } myVoices { voter { email } isProxy hasVoted choice eligible recused } }
    decision { outcome advanceAmount mandatary { email } } }
} }`;
const OPEN_BALLOT = `mutation($item: ID!, $input: OpenBallotInput!) { openBallot(itemId: $item, input: $input) { id motion eligibleCount recusedCount status } }`;
const VOTE = `mutation($input: CastVoteInput!) { castVote(input: $input) { id votedCount } }`;
const PLEDGE = `mutation($item: ID!, $input: PledgeInput!) { pledge(itemId: $item, input: $input) { id days organisation { name } } }`;
const DECIDE = `mutation($item: ID!, $input: DecisionInput!) { recordDecision(itemId: $item, input: $input) { outcome advanceAmount } }`;

let server: TestServer;
let a: TestBasin;
let meetingId: string;
let itemId: string;
let infoItemId: string;
let qualityNeedId: string;
const tokens: Record<string, string> = {};
const clients: Client[] = [];

const as = (who: string, query: string, variables: Record<string, unknown> = {}) =>
  gql(server, query, variables, { token: tokens[who] });
const live = async (who = 'chair') => (await as(who, LIVE, { id: meetingId })).data?.meeting;
const vote = (who: string, ballotId: string, choice: string, key = randomUUID(), onBehalfOfId?: string) =>
  as(who, VOTE, { input: { ballotId, choice, idempotencyKey: key, onBehalfOfId } });

/** Collects a subscriber's events; `next(kind)` waits for the next event of that kind. */
function subscribe(who: string) {
  const client = wsClient(server, tokens[who]!);
  clients.push(client);
  const events: string[] = [];
  const waiters: { kind: string; resolve: () => void }[] = [];
  const ready = new Promise<void>((resolve) => {
    client.on('connected', () => setTimeout(resolve, 150));
  });
  client.subscribe<{ meetingEvents: { kind: string } }>(
    { query: `subscription($id: ID!) { meetingEvents(meetingId: $id) { kind } }`, variables: { id: meetingId } },
    {
      next: (value) => {
        const kind = value.data?.meetingEvents.kind;
        if (!kind) return;
        events.push(kind);
        for (const w of waiters.filter((w) => w.kind === kind)) w.resolve();
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return {
    client,
    events,
    ready,
    next: (kind: string) => new Promise<void>((resolve) => waiters.push({ kind, resolve })),
  };
}

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'la');
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: 'Atelier ISO 9001',
    prescriber: a.people.prescriber.id,
    prescriberOrganisation: a.associated.id,
    advanceRequested: 12000,
    jobsPlanned: 5,
  });
  const need = em.create(CompetenceNeed, {
    project,
    position: 0,
    domain: 'QUALITY' as never,
    profile: 'Quality engineer',
    estimatedDays: 10,
  });
  em.create(CompetenceNeed, { project, position: 1, domain: 'HR' as never, profile: 'Recruiter', estimatedDays: 4 });
  const meeting = em.create(Meeting, {
    basin: a.basin.id,
    title: 'Séance live',
    scheduledAt: new Date(),
    chair: a.people.chair.id,
    status: MeetingStatus.CONVENED,
  });
  const item = em.create(AgendaItem, {
    meeting,
    position: 0,
    kind: AgendaItemKind.PROJECT_EXAMINATION,
    title: project.title,
    project,
  });
  const info = em.create(AgendaItem, { meeting, position: 1, kind: AgendaItemKind.INFORMATION, title: 'Budget' });
  await em.flush();
  meetingId = meeting.id;
  itemId = item.id;
  infoItemId = info.id;
  qualityNeedId = need.id;
  for (const who of ['operator', 'chair', 'member', 'othermember', 'thirdmember', 'prescriber', 'observer']) {
    tokens[who] = await signInToken(server, `${who}@la.test`, PASSWORD);
  }
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.close();
});

describe('a live committee session', () => {
  it('should do nothing live before the chair opens it, and let only the chair open it', async () => {
    expect(codeOf(await as('member', PLEDGE, { item: itemId, input: { needId: qualityNeedId, days: 3 } }))).toBe(
      'MEETING_NOT_OPEN',
    );
    expect(codeOf(await as('chair', OPEN_BALLOT, { item: itemId, input: { kind: 'NAMED' } }))).toBe('MEETING_NOT_OPEN');
    expect(
      codeOf(await as('member', `mutation($id: ID!) { openMeeting(id: $id) { status } }`, { id: meetingId })),
    ).toBe('NOT_CHAIR');
    const opened = await as('chair', `mutation($id: ID!) { openMeeting(id: $id) { status openedAt } }`, {
      id: meetingId,
    });
    expect(opened.data?.openMeeting.status).toBe('OPEN');
  });

  it('should show who is connected right now, from live websocket connections', async () => {
    const member = subscribe('member');
    await member.ready;
    const seat = (m: any, email: string) => m.committee.find((s: any) => s.person.email === email);
    expect(seat(await live(), 'member@la.test').connected).toBe(true);
    expect(seat(await live(), 'othermember@la.test').connected).toBe(false);
    await member.client.dispose();
    await new Promise((r) => setTimeout(r, 150));
    expect(seat(await live(), 'member@la.test').connected).toBe(false);
  });

  it('should compute the quorum live, one voice per organisation, and refuse a ballot without it', async () => {
    const watcher = subscribe('observer');
    await watcher.ready;
    await as('chair', `mutation($id: ID!) { declareAttendance(meetingId: $id, input: { mode: PRESENT }) { mode } }`, {
      id: meetingId,
    });
    await as('member', `mutation($id: ID!) { declareAttendance(meetingId: $id, input: { mode: REMOTE }) { mode } }`, {
      id: meetingId,
    });
    expect((await live()).quorum).toEqual({ present: 1, total: 4, required: 2, reached: false });
    expect(codeOf(await as('chair', OPEN_BALLOT, { item: itemId, input: { kind: 'NAMED' } }))).toBe('NO_QUORUM');
    const presence = watcher.next('PRESENCE');
    await as(
      'othermember',
      `mutation($id: ID!) { declareAttendance(meetingId: $id, input: { mode: REMOTE }) { mode } }`,
      { id: meetingId },
    );
    await presence;
    expect((await live('observer')).quorum).toEqual({ present: 2, total: 4, required: 2, reached: true });
    await as(
      'prescriber',
      `mutation($id: ID!) { declareAttendance(meetingId: $id, input: { mode: PRESENT }) { mode } }`,
      { id: meetingId },
    );
  });

  it('should accept a proxy to another organisation only', async () => {
    const sameOrg = await as(
      'chair',
      `mutation($id: ID!, $p: ID!) { declareAttendance(meetingId: $id, input: { personId: $p, mode: REPRESENTED, proxyHolderId: $p }) { mode } }`,
      { id: meetingId, p: a.people.member.id },
    );
    expect(codeOf(sameOrg)).toBe('PROXY_NOT_ALLOWED');
    const byOther = await as(
      'member',
      `mutation($id: ID!, $p: ID!) { declareAttendance(meetingId: $id, input: { personId: $p, mode: EXCUSED }) { mode } }`,
      { id: meetingId, p: a.people.thirdMember.id },
    );
    expect(codeOf(byOther)).toBe('NOT_CHAIR');
    const proxy = await as(
      'thirdmember',
      `mutation($id: ID!, $h: ID!) { declareAttendance(meetingId: $id, input: { mode: REPRESENTED, proxyHolderId: $h }) { mode proxyHolder { email } } }`,
      { id: meetingId, h: a.people.otherMember.id },
    );
    expect(proxy.data?.declareAttendance).toEqual({
      mode: 'REPRESENTED',
      proxyHolder: { email: 'othermember@la.test' },
    });
    expect((await live()).quorum).toMatchObject({ present: 4, reached: true });
  });

  it('should run the agenda from the chair, with a queue of raised hands', async () => {
    expect(codeOf(await as('member', `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, { i: itemId }))).toBe(
      'NOT_CHAIR',
    );
    await as('chair', `mutation($i: ID!) { setCurrentItem(itemId: $i) { status timerStartedAt } }`, { i: itemId });
    await as('othermember', `mutation($id: ID!) { raiseHand(meetingId: $id) { id } }`, { id: meetingId });
    await as('member', `mutation($id: ID!) { raiseHand(meetingId: $id) { id } }`, { id: meetingId });
    await as('othermember', `mutation($id: ID!) { raiseHand(meetingId: $id) { id } }`, { id: meetingId });
    let state = await live();
    expect(state.currentItem).toEqual({ id: itemId, status: 'CURRENT' });
    expect(state.hands.map((h: any) => h.person.email)).toEqual(['othermember@la.test', 'member@la.test']);
    expect(
      codeOf(
        await as('member', `mutation($id: ID!, $p: ID!) { lowerHand(meetingId: $id, personId: $p) }`, {
          id: meetingId,
          p: a.people.otherMember.id,
        }),
      ),
    ).toBe('NOT_CHAIR');
    await as('chair', `mutation($id: ID!, $p: ID!) { lowerHand(meetingId: $id, personId: $p) }`, {
      id: meetingId,
      p: a.people.otherMember.id,
    });
    state = await live();
    expect(state.hands.map((h: any) => h.person.email)).toEqual(['member@la.test']);
  });

  it('should take pledges live from each company for itself only', async () => {
    const watcher = subscribe('observer');
    await watcher.ready;
    const pledged = watcher.next('PLEDGE');
    const first = await as('member', PLEDGE, {
      item: itemId,
      input: { needId: qualityNeedId, days: 6, expertName: 'A. Expert' },
    });
    expect(first.data?.pledge).toMatchObject({ days: 6, organisation: { name: 'Partner la' } });
    await pledged;
    await as('othermember', PLEDGE, { item: itemId, input: { needId: qualityNeedId, days: 4 } });
    const forOther = await as('member', PLEDGE, {
      item: itemId,
      input: { needId: qualityNeedId, days: 2, organisationId: a.otherPartner.id },
    });
    expect(codeOf(forOther)).toBe('NOT_OWN_COMPANY');
    expect(codeOf(await as('prescriber', PLEDGE, { item: itemId, input: { needId: qualityNeedId, days: 2 } }))).toBe(
      'NOT_OWN_COMPANY',
    );
    expect(
      codeOf(
        await as('othermember', `mutation($id: ID!) { amendPledge(id: $id, input: { days: 1 }) { days } }`, {
          id: first.data?.pledge.id,
        }),
      ),
    ).toBe('NOT_OWN_COMPANY');
    await as('member', `mutation($id: ID!) { amendPledge(id: $id, input: { days: 5 }) { days } }`, {
      id: first.data?.pledge.id,
    });
    const item = (await live('observer')).items.find((i: any) => i.id === itemId);
    expect(item.coverage).toEqual({
      daysNeeded: 14,
      daysPledged: 9,
      needs: [
        { daysNeeded: 10, daysPledged: 9, need: { profile: 'Quality engineer' } },
        { daysNeeded: 4, daysPledged: 0, need: { profile: 'Recruiter' } },
      ],
      companies: [
        { organisation: { name: 'Partner la' }, days: 5 },
        { organisation: { name: 'Other partner la' }, days: 4 },
      ],
    });
  });

  let ballotId: string;

  it('should open a named ballot with the motion from the project, recusing the prescriber and declared conflicts', async () => {
    await as('member', `mutation($i: ID!) { declareConflict(itemId: $i, reason: "Cousin of the SME leader") { id } }`, {
      i: itemId,
    });
    expect(codeOf(await as('member', OPEN_BALLOT, { item: itemId, input: { kind: 'NAMED' } }))).toBe('NOT_CHAIR');
    expect(
      codeOf(await as('chair', OPEN_BALLOT, { item: itemId, input: { kind: 'NAMED', proposedAdvance: 20000 } })),
    ).toBe('ADVANCE_ABOVE_CAP');
    const opened = await as('chair', OPEN_BALLOT, {
      item: itemId,
      input: { kind: 'NAMED', proposedMandataryId: a.people.otherMember.id },
    });
    expect(opened.errors).toBeUndefined();
    ballotId = opened.data?.openBallot.id;
    expect(opened.data?.openBallot.motion).toMatch(
      /Atelier ISO 9001.*12\u00a0000\u00a0€.*Partner la\u00a0: 5\u00a0j.*mandataire proposé\u00a0: othermember la/,
    );
    // present: chair, member (recused: conflict), othermember (+ thirdmember by proxy), prescriber (recused: prescribing organisation)
    expect(opened.data?.openBallot).toMatchObject({ eligibleCount: 3, recusedCount: 2, status: 'OPEN' });
    expect(codeOf(await as('chair', OPEN_BALLOT, { item: itemId, input: { kind: 'NAMED' } }))).toBe('BALLOT_OPEN');
  });

  it('should refuse the recused and those who may not vote, writing nothing', async () => {
    expect(codeOf(await vote('prescriber', ballotId, 'FOR'))).toBe('RECUSED');
    expect(codeOf(await vote('member', ballotId, 'FOR'))).toBe('RECUSED');
    expect(codeOf(await vote('observer', ballotId, 'FOR'))).toBe('NOT_ELIGIBLE');
    expect(codeOf(await vote('chair', ballotId, 'FOR', randomUUID(), a.people.thirdMember.id))).toBe(
      'PROXY_NOT_ALLOWED',
    );
    expect(await server.orm.em.fork().count(BallotParticipation, { ballot: ballotId })).toBe(0);
  });

  it('should count each voice once, whatever retries and concurrent clicks happen', async () => {
    const key = randomUUID();
    // the same click retried five times, and five more clicks with fresh keys, all at once, over HTTP and websocket
    const ws = wsClient(server, tokens.chair!);
    clients.push(ws);
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => vote('chair', ballotId, 'FOR', key)),
      ...Array.from({ length: 5 }, () => vote('chair', ballotId, 'FOR')),
      ...Array.from({ length: 3 }, () =>
        wsRequest(ws, VOTE, { input: { ballotId, choice: 'FOR', idempotencyKey: key } }),
      ),
    ]);
    expect(results.every((r) => !r.errors || r.errors[0]?.extensions?.code === 'CONFLICT')).toBe(true);
    const state = (await live()).items.find((i: any) => i.id === itemId).ballot;
    expect(state.votedCount).toBe(1);
    expect(state.tally).toBeNull(); // choices are not shown live in this basin
    expect(await server.orm.em.fork().count(BallotParticipation, { ballot: ballotId })).toBe(1);
  });

  it('should let a proxy holder vote for the member they represent, and change a named vote until close', async () => {
    await vote('othermember', ballotId, 'AGAINST');
    await vote('othermember', ballotId, 'FOR', randomUUID(), a.people.thirdMember.id);
    const mine = (await live('othermember')).items.find((i: any) => i.id === itemId).ballot.myVoices;
    expect(mine).toEqual([
      {
        voter: { email: 'othermember@la.test' },
        isProxy: false,
        hasVoted: true,
        choice: 'AGAINST',
        eligible: true,
        recused: false,
      },
      {
        voter: { email: 'thirdmember@la.test' },
        isProxy: true,
        hasVoted: true,
        choice: 'FOR',
        eligible: true,
        recused: false,
      },
    ]);
    await vote('othermember', ballotId, 'ABSTAIN');
    const state = (await live()).items.find((i: any) => i.id === itemId).ballot;
    expect(state).toMatchObject({ votedCount: 3, eligibleCount: 3 });
  });

  it('should let a client that dropped mid-ballot catch up with the true state when it returns', async () => {
    const dropped = subscribe('observer');
    await dropped.ready;
    await dropped.client.dispose(); // the network goes away
    await vote('othermember', ballotId, 'AGAINST'); // meanwhile the vote changes
    const back = subscribe('observer'); // it reconnects: subscribe again, then refetch the query
    await back.ready;
    const state = (await live('observer')).items.find((i: any) => i.id === itemId).ballot;
    expect(state).toMatchObject({ votedCount: 3, status: 'OPEN' });
    const closed = back.next('BALLOT');
    await as('chair', `mutation($b: ID!) { closeBallot(ballotId: $b) { status } }`, { b: ballotId });
    await closed; // and the live stream works again
  });

  it('should close the ballot once, compute the result by the majority rule and freeze it', async () => {
    const state = (await live('observer')).items.find((i: any) => i.id === itemId).ballot;
    expect(state).toMatchObject({ status: 'CLOSED', result: 'ADOPTED', tally: { for: 2, against: 1, abstain: 0 } });
    expect(codeOf(await vote('othermember', ballotId, 'FOR'))).toBe('BALLOT_CLOSED');
    expect(
      codeOf(await as('chair', `mutation($b: ID!) { closeBallot(ballotId: $b) { status } }`, { b: ballotId })),
    ).toBe('BALLOT_CLOSED');
  });

  it('should record the decision: advance within the cap, mandatary required, by the chair only', async () => {
    expect(codeOf(await as('member', DECIDE, { item: itemId, input: { outcome: 'APPROVED' } }))).toBe('NOT_CHAIR');
    expect(
      codeOf(await as('chair', DECIDE, { item: itemId, input: { outcome: 'APPROVED', advanceAmount: 15001 } })),
    ).toBe('ADVANCE_ABOVE_CAP');
    expect(codeOf(await as('chair', DECIDE, { item: itemId, input: { outcome: 'REJECTED' } }))).toBe('INVALID_STATE');
    expect(
      codeOf(
        await as('chair', DECIDE, { item: itemId, input: { outcome: 'APPROVED', mandataryId: a.people.observer.id } }),
      ),
    ).toBe('MANDATARY_REQUIRED');
    const watcher = subscribe('member');
    await watcher.ready;
    const decided = watcher.next('DECISION');
    const decision = await as('chair', DECIDE, { item: itemId, input: { outcome: 'APPROVED', advanceAmount: 12000 } });
    expect(decision.data?.recordDecision).toEqual({ outcome: 'APPROVED', advanceAmount: 12000 });
    await decided;
    const item = (await live('member')).items.find((i: any) => i.id === itemId);
    expect(item.decision).toEqual({
      outcome: 'APPROVED',
      advanceAmount: 12000,
      mandatary: { email: 'othermember@la.test' },
    });
    expect(item.status).toBe('DONE');
    const em = server.orm.em.fork();
    expect((await em.findOneOrFail(Project, { title: 'Atelier ISO 9001' })).status).toBe('APPROVED');
    expect(await em.count(Advance, { amount: 12000 })).toBe(1);
    expect(codeOf(await as('member', PLEDGE, { item: itemId, input: { needId: qualityNeedId, days: 1 } }))).toBe(
      'INVALID_STATE',
    );
  });

  it('should keep a secret ballot secret: totals at close only, no link between a voter and a choice', async () => {
    await as('chair', `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, { i: infoItemId });
    const opened = await as('chair', OPEN_BALLOT, {
      item: infoItemId,
      input: { kind: 'SECRET', motion: 'Approve the 2027 budget' },
    });
    const secretId = opened.data?.openBallot.id;
    await vote('chair', secretId, 'FOR');
    await vote('othermember', secretId, 'AGAINST');
    await vote('member', secretId, 'FOR');
    expect(codeOf(await vote('member', secretId, 'AGAINST'))).toBe('ALREADY_VOTED');
    let ballot = (await live('observer')).items.find((i: any) => i.id === infoItemId).ballot;
    expect(ballot).toMatchObject({ votedCount: 3, tally: null });
    const mine = (await live('member')).items.find((i: any) => i.id === infoItemId).ballot.myVoices[0];
    expect(mine).toMatchObject({ hasVoted: true, choice: null });
    const rows = await server.orm.em.fork().find(BallotParticipation, { ballot: secretId });
    expect(rows.map((r) => r.choice)).toEqual([null, null, null]);
    await as('chair', `mutation($b: ID!) { closeBallot(ballotId: $b) { status } }`, { b: secretId });
    ballot = (await live('observer')).items.find((i: any) => i.id === infoItemId).ballot;
    expect(ballot).toMatchObject({ result: 'ADOPTED', tally: { for: 2, against: 1, abstain: 0 } });
  });

  it('should close the session, after which nothing changes', async () => {
    expect(
      codeOf(await as('member', `mutation($id: ID!) { closeMeeting(id: $id) { status } }`, { id: meetingId })),
    ).toBe('NOT_CHAIR');
    expect(
      codeOf(await as('operator', `mutation($id: ID!) { closeMeeting(id: $id) { status } }`, { id: meetingId })),
    ).toBe('OPERATOR_CANNOT_PRESIDE');
    const closed = await as(
      'chair',
      `mutation($id: ID!) { closeMeeting(id: $id, deferUntreated: true) { status closedAt } }`,
      { id: meetingId },
    );
    expect(closed.data?.closeMeeting.status).toBe('CLOSED');
    expect(codeOf(await as('chair', `mutation($id: ID!) { openMeeting(id: $id) { status } }`, { id: meetingId }))).toBe(
      'MEETING_NOT_OPEN',
    );
    expect(
      codeOf(await as('member', `mutation($id: ID!) { raiseHand(meetingId: $id) { id } }`, { id: meetingId })),
    ).toBe('MEETING_NOT_OPEN');
  });
});
