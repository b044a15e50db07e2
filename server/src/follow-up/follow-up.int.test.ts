import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { CompetenceDomain } from '../project/competence-need.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { FollowUpReport } from './follow-up-report.entity.js';

const FOLLOW_UP = `query($p: ID!) { followUp(projectId: $p) { overdue next { monthsAfterDecision state } slots { monthsAfterDecision dueOn state } project { status jobsCreated jobsPreserved pledges { days daysDelivered } } } }`;
const FILE = `mutation($p: ID!, $input: FollowUpReportInput!) { fileFollowUpReport(projectId: $p, input: $input) { monthsAfterDecision hiresMade daysDeliveredTotal author { email } } }`;

let server: TestServer;
let a: TestBasin;
let projectId: string;
let pledgeId: string;
let meetingId: string;
let mandatary: string;

const monthsAgo = (months: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'fu');
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: 'Export vers la Belgique',
    prescriber: a.people.prescriber.id,
    prescriberOrganisation: a.associated.id,
    status: ProjectStatus.APPROVED,
    decidedAt: monthsAgo(7),
    mandatary: a.people.otherMember.id,
    jobsPlanned: 6,
  });
  const pledge = em.create(Pledge, {
    project,
    organisation: a.partner.id,
    domain: CompetenceDomain.SALES_EXPORT,
    profile: 'Export manager',
    days: 10,
    pledgedBy: a.people.member.id,
  });
  const meeting = em.create(Meeting, {
    basin: a.basin.id,
    title: 'Prochain comité',
    scheduledAt: new Date(Date.now() + 30 * 86400_000),
  });
  await em.flush();
  projectId = project.id;
  pledgeId = pledge.id;
  meetingId = meeting.id;
  mandatary = await signInToken(server, 'othermember@fu.test', PASSWORD);
});
afterAll(() => server?.close());

describe('mandatary follow-up', () => {
  it('should lay out the reports on the basin cadence, flagging what is overdue', async () => {
    const result = await gql(server, FOLLOW_UP, { p: projectId }, { token: mandatary });
    const followUp = result.data?.followUp;
    expect(followUp.slots.map((s: any) => [s.monthsAfterDecision, s.state])).toEqual([
      [3, 'OVERDUE'],
      [6, 'OVERDUE'],
      [12, 'UPCOMING'],
      [18, 'UPCOMING'],
    ]);
    expect(followUp).toMatchObject({ overdue: true, next: { monthsAfterDecision: 3, state: 'OVERDUE' } });
    const reminders = await gql(
      server,
      `query($b: ID!) { followUpReminders(basinId: $b) { totalCount items { project { title } next { monthsAfterDecision } } } }`,
      { b: a.basin.id },
      { token: await signInToken(server, 'operator@fu.test', PASSWORD) },
    );
    expect(reminders.data?.followUpReminders).toEqual({
      totalCount: 1,
      items: [{ project: { title: 'Export vers la Belgique' }, next: { monthsAfterDecision: 3 } }],
    });
  });

  it('should take the report of the mandatary: hires, jobs preserved, days delivered, a new intervention on the next agenda', async () => {
    const filed = await gql(
      server,
      FILE,
      {
        p: projectId,
        input: {
          monthsAfterDecision: 3,
          hiresMade: 2,
          jobsPreserved: 14,
          revenue: 1800000,
          difficulties: 'Recrutement lent',
          deliveredDays: [{ pledgeId, days: 4.5 }],
          newInterventionRequest: 'Appui RH pour recruter deux soudeurs',
        },
      },
      { token: mandatary },
    );
    expect(filed.errors).toBeUndefined();
    expect(filed.data?.fileFollowUpReport).toEqual({
      monthsAfterDecision: 3,
      hiresMade: 2,
      daysDeliveredTotal: 4.5,
      author: { email: 'othermember@fu.test' },
    });
    await gql(
      server,
      FILE,
      {
        p: projectId,
        input: { monthsAfterDecision: 6, hiresMade: 1, jobsPreserved: 15, deliveredDays: [{ pledgeId, days: 2 }] },
      },
      { token: mandatary },
    );
    const followUp = (await gql(server, FOLLOW_UP, { p: projectId }, { token: mandatary })).data?.followUp;
    expect(followUp.project).toEqual({
      status: 'FOLLOW_UP',
      jobsCreated: 3,
      jobsPreserved: 15,
      pledges: [{ days: 10, daysDelivered: 6.5 }],
    });
    expect(followUp).toMatchObject({ overdue: false, next: { monthsAfterDecision: 12, state: 'UPCOMING' } });
    const items = await server.orm.em.fork().find(AgendaItem, { meeting: meetingId });
    expect(items.map((i) => [i.kind, i.title])).toEqual([
      ['FOLLOW_UP_REVIEW', 'Nouvelle intervention demandée : Export vers la Belgique'],
    ]);
  });

  it('should refuse a report on a project one does not follow, a second copy and an early closing, writing nothing', async () => {
    const before = await server.orm.em.fork().count(FollowUpReport);
    const member = await signInToken(server, 'member@fu.test', PASSWORD);
    const input = { monthsAfterDecision: 12, hiresMade: 1, jobsPreserved: 15 };
    expect(codeOf(await gql(server, FILE, { p: projectId, input }, { token: member }))).toBe('NOT_MANDATARY');
    expect(
      codeOf(
        await gql(server, FILE, { p: projectId, input: { ...input, monthsAfterDecision: 3 } }, { token: mandatary }),
      ),
    ).toBe('INVALID_STATE');
    expect(
      codeOf(
        await gql(server, FILE, { p: projectId, input: { ...input, monthsAfterDecision: 5 } }, { token: mandatary }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await gql(server, FILE, { p: projectId, input: { ...input, closing: true } }, { token: mandatary })),
    ).toBe('INVALID_STATE');
    expect(
      codeOf(
        await gql(
          server,
          FILE,
          { p: projectId, input: { ...input, deliveredDays: [{ pledgeId: a.basin.id, days: 1 }] } },
          { token: mandatary },
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await server.orm.em.fork().count(FollowUpReport)).toBe(before);
    const pledge = await server.orm.em.fork().findOneOrFail(Pledge, pledgeId);
    expect(pledge.daysDelivered).toBe(6.5);
  });

  it('should ask why delivered days go above the pledge, and keep the reason with the report', async () => {
    // 6.5 of 10 days delivered so far: 400 more is refused outright, 4 more needs a reason.
    const input = { monthsAfterDecision: 12, hiresMade: 0, jobsPreserved: 15 };
    const huge = await gql(
      server,
      FILE,
      { p: projectId, input: { ...input, deliveredDays: [{ pledgeId, days: 400, justification: 'Erreur' }] } },
      { token: mandatary },
    );
    expect(codeOf(huge)).toBe('BAD_USER_INPUT');
    const unjustified = await gql(
      server,
      FILE,
      { p: projectId, input: { ...input, deliveredDays: [{ pledgeId, days: 4 }] } },
      { token: mandatary },
    );
    expect(codeOf(unjustified)).toBe('DAYS_ABOVE_PLEDGE');
    expect(unjustified.errors?.[0]?.extensions?.pledgeIds).toEqual([pledgeId]);
    expect((await server.orm.em.fork().findOneOrFail(Pledge, pledgeId)).daysDelivered).toBe(6.5);

    const reason = 'Deux jours de plus pour former le second soudeur, accord de l’entreprise';
    const justified = await gql(
      server,
      `mutation($p: ID!, $input: FollowUpReportInput!) { fileFollowUpReport(projectId: $p, input: $input) { deliveries { pledgeId days justification } } }`,
      { p: projectId, input: { ...input, deliveredDays: [{ pledgeId, days: 4, justification: reason }] } },
      { token: mandatary },
    );
    expect(justified.errors).toBeUndefined();
    expect(justified.data?.fileFollowUpReport.deliveries).toEqual([{ pledgeId, days: 4, justification: reason }]);
    expect((await server.orm.em.fork().findOneOrFail(Pledge, pledgeId)).daysDelivered).toBe(10.5);
  });
});
