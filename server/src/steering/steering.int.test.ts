import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { DecisionReview, Orientation } from './decision-review.entity.js';

const REVIEW = `mutation($input: ReviewDecisionInput!) {
  reviewDecision(input: $input) { id verdict comment reviewer { id } meeting { id title } decision { steeringStatus } }
}`;
const DECISIONS = `query($b: ID!) {
  steeringDecisions(basinId: $b, limit: 10) {
    totalCount items { id outcome steeringStatus project { title } reviews { verdict comment reviewer { id } } }
  }
}`;
const CREATE_MEETING = `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`;
const AGENDA = `query($id: ID!) {
  meeting(id: $id) { items { kind title steeringQuestion { comment reviewer { id } decision { project { title } } } } }
}`;
const AGENDA_OF_BASIN = `query($b: ID!) { meetings(basinId: $b, period: UPCOMING, limit: 1) { items { id } } }`;
const ORIENT = `mutation($input: OrientationInput!) { recordOrientation(input: $input) { id title text author { id } } }`;

let server: TestServer;
let a: TestBasin;
let b: TestBasin;
let tokens: { operator: string; observer: string; member: string; otherObserver: string };
const decisions: Decision[] = [];

/** Two decisions of the past: the committee approved one project and rejected the other. */
async function decide(basin: TestBasin, title: string, outcome: DecisionOutcome): Promise<Decision> {
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: basin.basin.id,
    sme: basin.sme.id,
    title,
    prescriber: basin.people.prescriber.id,
    prescriberOrganisation: basin.associated.id,
    status: outcome === DecisionOutcome.APPROVED ? ProjectStatus.APPROVED : ProjectStatus.REJECTED,
  });
  const decision = em.create(Decision, {
    project,
    outcome,
    advanceAmount: outcome === DecisionOutcome.APPROVED ? 8000 : 0,
    recordedBy: basin.people.chair.id,
    decidedAt: new Date(Date.now() - 86_400_000),
  });
  await em.flush();
  return decision;
}

const meetingInput = (basin: TestBasin, days: number, title: string) => ({
  input: {
    basinId: basin.basin.id,
    title,
    scheduledAt: new Date(Date.now() + days * 86_400_000).toISOString(),
    location: 'CCI',
    chairId: basin.people.chair.id,
  },
});

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'sa');
  b = await createTestBasin(server.orm.em.fork(), 'sb');
  decisions.push(await decide(a, 'Ligne de peinture', DecisionOutcome.APPROVED));
  decisions.push(await decide(a, 'Rachat de fonds', DecisionOutcome.REJECTED));
  tokens = {
    operator: await signInToken(server, 'operator@sa.test', PASSWORD),
    observer: await signInToken(server, 'observer@sa.test', PASSWORD),
    member: await signInToken(server, 'member@sa.test', PASSWORD),
    otherObserver: await signInToken(server, 'observer@sb.test', PASSWORD),
  };
});
afterAll(() => server?.close());

describe('the steering committee', () => {
  it('should let a member of the steering committee validate a decision, and no one else review it', async () => {
    const [approved] = decisions;
    for (const [token, code] of [
      [tokens.operator, 'FORBIDDEN'],
      [tokens.member, 'FORBIDDEN'],
      [tokens.otherObserver, 'NOT_FOUND'],
    ] as const) {
      const refused = await gql(
        server,
        REVIEW,
        { input: { decisionId: approved!.id, verdict: 'VALIDATED' } },
        { token },
      );
      expect(codeOf(refused)).toBe(code);
    }
    const done = await gql(
      server,
      REVIEW,
      { input: { decisionId: approved!.id, verdict: 'VALIDATED' } },
      {
        token: tokens.observer,
      },
    );
    expect(done.errors).toBeUndefined();
    expect(done.data?.reviewDecision).toMatchObject({
      verdict: 'VALIDATED',
      reviewer: { id: a.people.observer.id },
      meeting: null,
      decision: { steeringStatus: 'VALIDATED' },
    });
    expect(await server.orm.em.fork().count(DecisionReview, {})).toBe(1);
  });

  it('should refuse a question without a comment, and write nothing', async () => {
    const [, rejected] = decisions;
    for (const comment of [null, '   ', 'x'.repeat(2001)]) {
      const refused = await gql(
        server,
        REVIEW,
        { input: { decisionId: rejected!.id, verdict: 'QUESTIONED', comment } },
        { token: tokens.observer },
      );
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    }
    expect(await server.orm.em.fork().count(DecisionReview, {})).toBe(1);
  });

  it("should put a question on the next session's agenda, or on the next session created", async () => {
    const [approved, rejected] = decisions;
    // no session is being prepared: the question waits
    const asked = await gql(
      server,
      REVIEW,
      {
        input: {
          decisionId: rejected!.id,
          verdict: 'QUESTIONED',
          comment: 'Le refus tient-il compte du carnet de commandes ?',
        },
      },
      { token: tokens.observer },
    );
    expect(asked.errors).toBeUndefined();
    expect(asked.data?.reviewDecision.meeting).toBeNull();
    const created = await gql(server, CREATE_MEETING, meetingInput(a, 20, 'Comité de janvier'), {
      token: tokens.operator,
    });
    const meetingId = created.data?.createMeeting.id as string;
    const agenda = await gql(server, AGENDA, { id: meetingId }, { token: tokens.member });
    expect(agenda.data?.meeting.items).toEqual([
      {
        kind: 'INFORMATION',
        title: 'Question du comité de pilotage\u00a0: Rachat de fonds',
        steeringQuestion: {
          comment: 'Le refus tient-il compte du carnet de commandes ?',
          reviewer: { id: a.people.observer.id },
          decision: { project: { title: 'Rachat de fonds' } },
        },
      },
    ]);

    // a session is being prepared: the next question goes straight on its agenda, after what is there
    const second = await gql(
      server,
      REVIEW,
      {
        input: { decisionId: approved!.id, verdict: 'QUESTIONED', comment: 'Le montant de l’avance est-il justifié ?' },
      },
      { token: tokens.observer },
    );
    expect(second.data?.reviewDecision.meeting).toEqual({ id: meetingId, title: 'Comité de janvier' });
    expect(second.data?.reviewDecision.decision.steeringStatus).toBe('QUESTIONED');
    const after = await gql(server, AGENDA, { id: meetingId }, { token: tokens.member });
    expect(after.data?.meeting.items.map((i: { title: string }) => i.title)).toEqual([
      'Question du comité de pilotage\u00a0: Rachat de fonds',
      'Question du comité de pilotage\u00a0: Ligne de peinture',
    ]);

    // once placed, a question is not placed again on a later session
    const later = await gql(server, CREATE_MEETING, meetingInput(a, 50, 'Comité de mars'), { token: tokens.operator });
    const laterAgenda = await gql(server, AGENDA, { id: later.data?.createMeeting.id }, { token: tokens.member });
    expect(laterAgenda.data?.meeting.items).toEqual([]);
  });

  it("should count each member's latest review, and show every review to the basin's readers only", async () => {
    const [approved] = decisions;
    // the same member validates again once the committee has answered
    await gql(
      server,
      REVIEW,
      { input: { decisionId: approved!.id, verdict: 'VALIDATED', comment: 'Réponse reçue' } },
      {
        token: tokens.observer,
      },
    );
    const read = await gql(server, DECISIONS, { b: a.basin.id }, { token: tokens.member });
    expect(read.errors).toBeUndefined();
    const byTitle = Object.fromEntries(
      read.data?.steeringDecisions.items.map((d: { project: { title: string } }) => [d.project.title, d]),
    );
    expect(byTitle['Ligne de peinture'].steeringStatus).toBe('VALIDATED');
    expect(byTitle['Ligne de peinture'].reviews.map((r: { verdict: string }) => r.verdict)).toEqual([
      'VALIDATED',
      'QUESTIONED',
      'VALIDATED',
    ]);
    expect(byTitle['Rachat de fonds'].steeringStatus).toBe('QUESTIONED');

    // the session is cancelled: its open questions go to the next one, but not the one answered since
    const january = (await gql(server, AGENDA_OF_BASIN, { b: a.basin.id }, { token: tokens.operator })).data?.meetings
      .items[0].id;
    const cancelled = await gql(
      server,
      `mutation($id: ID!) { cancelMeeting(id: $id, reason: "Salle indisponible") { status } }`,
      {
        id: january,
      },
      { token: tokens.operator },
    );
    expect(cancelled.errors).toBeUndefined();
    const next = await gql(server, CREATE_MEETING, meetingInput(a, 30, 'Comité reporté'), { token: tokens.operator });
    const nextAgenda = await gql(server, AGENDA, { id: next.data?.createMeeting.id }, { token: tokens.member });
    expect(nextAgenda.data?.meeting.items.map((i: { title: string }) => i.title)).toEqual([
      'Question du comité de pilotage\u00a0: Rachat de fonds',
    ]);
    expect(codeOf(await gql(server, DECISIONS, { b: a.basin.id }, { token: tokens.otherObserver }))).toBe('NOT_FOUND');
  });

  it('should record an orientation from the steering committee only, within its limits', async () => {
    const input = {
      basinId: a.basin.id,
      title: 'Priorité à l’industrie',
      text: 'Examiner en priorité les projets industriels.',
    };
    expect(codeOf(await gql(server, ORIENT, { input }, { token: tokens.operator }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server, ORIENT, { input: { ...input, text: ' ' } }, { token: tokens.observer }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(await gql(server, ORIENT, { input: { ...input, basinId: b.basin.id } }, { token: tokens.observer })),
    ).toBe('NOT_FOUND');
    const done = await gql(server, ORIENT, { input }, { token: tokens.observer });
    expect(done.data?.recordOrientation).toMatchObject({ title: input.title, author: { id: a.people.observer.id } });
    const list = await gql(
      server,
      `query($b: ID!) { orientations(basinId: $b) { totalCount items { title } } }`,
      {
        b: a.basin.id,
      },
      { token: tokens.member },
    );
    expect(list.data?.orientations).toEqual({ totalCount: 1, items: [{ title: input.title }] });
    expect(await server.orm.em.fork().count(Orientation, {})).toBe(1);
  });
});
