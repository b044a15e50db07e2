import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { pdfText } from '../test/pdf-text.js';
import { databaseFileStore } from '../diagnosis/file-store.js';
import { Minutes, MinutesStatus } from '../minutes/minutes.entity.js';
import { CooperationConvention } from '../cooperation/convention.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { DEMO_PASSWORD, seedDemoBasin } from './demo-basin.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { Ballot } from '../ballot/ballot.entity.js';
import { Attendance } from '../meeting/attendance.entity.js';

let server: TestServer;
let token: string;
let basinId: string;
let seededAt: Date;

beforeAll(async () => {
  server = await startTestServer();
  seededAt = new Date();
  await seedDemoBasin(server.orm.em.fork(), databaseFileStore());
  token = await signInToken(server, 'operateur@demo.agrement.fr', DEMO_PASSWORD);
  basinId = (await gql(server, '{ basins { id } }', {}, { token })).data?.basins[0].id;
});
afterAll(() => server?.close());

describe("the demo basin's documents", () => {
  it('should hold minutes for every past session: the latest a draft, the older ones approved by the next', async () => {
    const em = server.orm.em.fork();
    const closed = await em.find(Meeting, { status: MeetingStatus.CLOSED }, { orderBy: { scheduledAt: 'asc' } });
    const minutes = await em.find(Minutes, {}, { populate: ['meeting'] });
    expect(minutes).toHaveLength(closed.length);
    const latest = closed.at(-1)!;
    expect(minutes.find((m) => m.meeting.id === latest.id)?.status).toBe(MinutesStatus.DRAFT);
    for (const [index, meeting] of closed.slice(0, -1).entries()) {
      const approved = minutes.find((m) => m.meeting.id === meeting.id)!;
      expect(approved.status).toBe(MinutesStatus.APPROVED);
      expect(approved.approvedInMeeting?.id).toBe(closed[index + 1]!.id);
    }
    const past = await gql(
      server,
      `query($b: ID!) { meetings(basinId: $b, period: PAST, limit: 1) { items { id minutes { status pdfUrl items { kind ballots { kind votes { name } } decision { outcome } } } } } }`,
      { b: basinId },
      { token },
    );
    const last = past.data?.meetings.items[0];
    expect(last.minutes.status).toBe('DRAFT');
    const decided = last.minutes.items.filter((i: any) => i.decision);
    expect(decided.length).toBeGreaterThan(0);
    for (const ballot of last.minutes.items.flatMap((i: any) => i.ballots)) {
      if (ballot.kind === 'SECRET') expect(ballot.votes).toBeNull();
    }
    const response = await fetch(`${server.url}${last.minutes.pdfUrl}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain('Procès-verbal de la séance du');
    expect(text).toContain('PROJET');
    expect(text).toContain('Présences et quorum');
  });

  it('should link the planned session’s approval item to the session before it', async () => {
    const coming = await gql(
      server,
      `query($b: ID!) { meetings(basinId: $b, period: UPCOMING) { items { id status items { kind minutesOfMeeting { id } } } } }`,
      { b: basinId },
      { token },
    );
    const [convened, planned] = coming.data!.meetings.items;
    expect(planned.items.find((i: any) => i.kind === 'MINUTES_APPROVAL').minutesOfMeeting).toEqual({ id: convened.id });
  });

  it('should hold a convention for every approved project, signed unless the approval is recent', async () => {
    const em = server.orm.em.fork();
    const approvals = await em.count(Decision, { outcome: DecisionOutcome.APPROVED });
    const conventions = await em.find(CooperationConvention, {}, { populate: ['signatures', 'decision'] });
    expect(conventions).toHaveLength(approvals);
    const signed = conventions.filter((c) => c.signatures.getItems().every((s) => s.status === 'SIGNED'));
    expect(signed.length).toBeGreaterThan(approvals / 2);
    for (const convention of conventions) {
      expect(convention.signatures.getItems().map((s) => s.party)).toEqual(
        expect.arrayContaining(['SME_LEADER', 'CHAIR', 'MANDATARY']),
      );
      for (const signature of convention.signatures.getItems().filter((s) => s.signedOn)) {
        expect(signature.signedOn! >= convention.decision.getEntity().decidedAt.toISOString().slice(0, 10)).toBe(true);
      }
    }
    const projects = await gql(
      server,
      `query($b: ID!) { projects(basinId: $b, limit: 100) { items { cooperationConvention { fullySigned } } } }`,
      { b: basinId },
      { token },
    );
    const listed = projects.data?.projects.items.filter((p: any) => p.cooperationConvention);
    expect(listed.some((p: any) => p.cooperationConvention.fullySigned)).toBe(true);
    expect(listed.some((p: any) => !p.cooperationConvention.fullySigned)).toBe(true);
  });

  it('should date the documents as the demo would have written them, not at seeding time', async () => {
    const em = server.orm.em.fork();
    for (const minutes of await em.find(Minutes, {}, { populate: ['meeting'] })) {
      const expected = minutes.approvedAt ?? minutes.meeting.getEntity().closedAt;
      expect(minutes.updatedAt.getTime()).toBe(expected!.getTime());
    }
    const conventions = await em.find(CooperationConvention, {}, { populate: ['decision'] });
    for (const convention of conventions) {
      expect(convention.createdAt.getTime()).toBe(convention.decision.getEntity().decidedAt.getTime());
    }
    // drafting read the sessions' rows without touching them
    expect(await em.count(Pledge, { updatedAt: { $gte: seededAt } })).toBe(0);
    expect(await em.count(Ballot, { updatedAt: { $gte: seededAt } })).toBe(0);
    expect(await em.count(Attendance, { updatedAt: { $gte: seededAt } })).toBe(0);
  });
});
