import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { mailboxMark, readMailbox } from '../test/mailbox.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Membership, Role } from '../person/membership.entity.js';

/** Preparing a session: chairs to choose from, convening, rescheduling and cancelling, and who may do it. */

const CREATE = `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id status chair { id } } }`;
const ADD = `mutation($m: ID!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, input: $input) { id } }`;
const CONVENE = `mutation($id: ID!) { conveneMeeting(id: $id) { id status convenedAt calendarSequence convened { email } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(id: $id, input: $input) { id scheduledAt location calendarSequence } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelMeeting(id: $id, reason: $reason) { id status cancellationReason cancelledAt calendarSequence } }`;
const CANDIDATES = `query($b: ID!) { meetingChairCandidates(basinId: $b) { id displayName } }`;

let server: TestServer;
let a: TestBasin;
let tokens: Record<'operator' | 'chair' | 'member' | 'observer' | 'smeleader' | 'operatorB', string>;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestBasin(server.orm.em.fork(), 'prep-a');
  await createTestBasin(server.orm.em.fork(), 'prep-b');
  const em = server.orm.em.fork();
  // The member of the partner company is also the basin's vice-chair.
  em.create(Membership, {
    person: a.people.member.id,
    basin: a.basin.id,
    role: Role.VICE_CHAIR,
    organisation: a.partner.id,
  });
  await em.flush();
  const signIn = (key: string, slug = 'prep-a') => signInToken(server, `${key}@${slug}.test`, PASSWORD);
  tokens = {
    operator: await signIn('operator'),
    chair: await signIn('chair'),
    member: await signIn('member'),
    observer: await signIn('observer'),
    smeleader: await signIn('smeleader'),
    operatorB: await signIn('operator', 'prep-b'),
  };
});
afterAll(() => server?.close());

async function project(title: string, status = ProjectStatus.DIAGNOSIS): Promise<string> {
  const em = server.orm.em.fork();
  const created = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title,
    status,
    prescriber: a.people.prescriber.id,
    prescriberOrganisation: a.associated.id,
  });
  await em.flush();
  return created.id;
}

/** A planned meeting with one project examined on its agenda. */
async function meetingWithAgenda(projectId: string): Promise<string> {
  const created = await gql(
    server,
    CREATE,
    {
      input: {
        basinId: a.basin.id,
        title: 'Comité de décembre',
        scheduledAt: '2026-12-10T08:30:00Z',
        location: 'CCI, salle 2',
        chairId: a.people.chair.id,
      },
    },
    { token: tokens.operator },
  );
  const id = created.data?.createMeeting.id as string;
  const added = await gql(
    server,
    ADD,
    { m: id, input: { kind: 'PROJECT_EXAMINATION', projectId, allottedMinutes: 30 } },
    { token: tokens.operator },
  );
  expect(added.errors).toBeUndefined();
  return id;
}

const projectStatus = async (id: string) => (await server.orm.em.fork().findOneOrFail(Project, id)).status;

describe('choosing the chair of a session', () => {
  it("should offer the basin's chair and vice-chair, and accept the vice-chair as the session's chair", async () => {
    const candidates = await gql(server, CANDIDATES, { b: a.basin.id }, { token: tokens.operator });
    expect(candidates.data?.meetingChairCandidates.map((p: { id: string }) => p.id).sort()).toEqual(
      [a.people.chair.id, a.people.member.id].sort(),
    );
    const created = await gql(
      server,
      CREATE,
      {
        input: {
          basinId: a.basin.id,
          title: 'Comité présidé par la vice-présidente',
          scheduledAt: '2026-12-17T08:30:00Z',
          chairId: a.people.member.id,
        },
      },
      { token: tokens.operator },
    );
    expect(created.data?.createMeeting.chair).toEqual({ id: a.people.member.id });
  });

  it('should refuse the list to members and observers, and answer NOT_FOUND to the operator of another basin', async () => {
    for (const token of [tokens.chair, tokens.member, tokens.observer, tokens.smeleader]) {
      expect(codeOf(await gql(server, CANDIDATES, { b: a.basin.id }, { token }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await gql(server, CANDIDATES, { b: a.basin.id }, { token: tokens.operatorB }))).toBe('NOT_FOUND');
  });
});

describe('convening and rescheduling', () => {
  it('should convene every member with an .ics, then send an updated invitation with the same UID when it moves', async () => {
    const id = await meetingWithAgenda(await project('Qualité'));
    let mark = mailboxMark(server.config.dataDir);
    const convened = await gql(server, CONVENE, { id }, { token: tokens.operator });
    expect(convened.data?.conveneMeeting).toMatchObject({ status: 'CONVENED', calendarSequence: 0 });
    expect(convened.data?.conveneMeeting.convenedAt).toEqual(expect.any(String));
    expect(convened.data?.conveneMeeting.convened.map((p: { email: string }) => p.email)).toEqual(
      expect.arrayContaining(['chair@prep-a.test', 'member@prep-a.test', 'observer@prep-a.test']),
    );
    const first = await readMailbox(server.config.dataDir, mark);
    const firstIcs = first.find((m) => m.to.includes('member@prep-a.test'))!.attachments[0]!.content;
    expect(firstIcs).toContain('SEQUENCE:0');
    const uid = /UID:(.+)/.exec(firstIcs)![1]!.trim();

    mark = mailboxMark(server.config.dataDir);
    const moved = await gql(
      server,
      UPDATE,
      { id, input: { scheduledAt: '2026-12-11T13:00:00Z', location: 'Mairie, salle du conseil' } },
      { token: tokens.operator },
    );
    expect(moved.data?.updateMeeting).toMatchObject({ calendarSequence: 1, location: 'Mairie, salle du conseil' });
    const notices = await readMailbox(server.config.dataDir, mark);
    const toMember = notices.find((m) => m.to.includes('member@prep-a.test'))!;
    expect(toMember.subject).toMatch(/^Séance modifiée : Comité de décembre/);
    expect(toMember.text).toContain('Mairie, salle du conseil');
    const ics = toMember.attachments[0]!;
    expect(ics.contentType).toBe('text/calendar');
    expect(ics.content).toContain('METHOD:REQUEST');
    expect(ics.content).toContain(`UID:${uid}`);
    expect(ics.content).toContain('SEQUENCE:1');
    expect(ics.content).toContain('DTSTART:20261211T130000Z');
    expect(notices.length).toBe(first.length);
  });

  it('should change a title without telling anyone, and a planned meeting without a mail', async () => {
    const id = await meetingWithAgenda(await project('Export'));
    const mark = mailboxMark(server.config.dataDir);
    const moved = await gql(
      server,
      UPDATE,
      { id, input: { scheduledAt: '2026-12-12T08:00:00Z' } },
      { token: tokens.operator },
    );
    expect(moved.data?.updateMeeting.calendarSequence).toBe(0);
    expect(await readMailbox(server.config.dataDir, mark)).toEqual([]);
  });
});

describe('cancelling a session', () => {
  it('should cancel a convened session, tell every member with METHOD:CANCEL and give its projects back to scheduling', async () => {
    const projectId = await project('Croissance');
    const id = await meetingWithAgenda(projectId);
    expect(await projectStatus(projectId)).toBe(ProjectStatus.SCHEDULED);
    await gql(server, CONVENE, { id }, { token: tokens.operator });
    const mark = mailboxMark(server.config.dataDir);
    const cancelled = await gql(
      server,
      CANCEL,
      { id, reason: 'Quorum impossible à réunir' },
      { token: tokens.operator },
    );
    expect(cancelled.data?.cancelMeeting).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'Quorum impossible à réunir',
      calendarSequence: 1,
    });
    expect(await projectStatus(projectId)).toBe(ProjectStatus.DIAGNOSIS);
    const notices = await readMailbox(server.config.dataDir, mark);
    const toChair = notices.find((m) => m.to.includes('chair@prep-a.test'))!;
    expect(toChair.subject).toMatch(/^Séance annulée : Comité de décembre/);
    expect(toChair.text).toContain('Motif : Quorum impossible à réunir');
    expect(toChair.attachments[0]!.content).toContain('METHOD:CANCEL');
    expect(toChair.attachments[0]!.content).toContain('STATUS:CANCELLED');
    expect(toChair.attachments[0]!.content).toContain('SEQUENCE:1');
  });

  it('should never open, change or cancel again a cancelled session', async () => {
    const id = await meetingWithAgenda(await project('Numérique'));
    await gql(server, CANCEL, { id, reason: 'Reportée' }, { token: tokens.operator });
    const opened = await gql(
      server,
      `mutation($id: ID!) { openMeeting(id: $id) { id } }`,
      { id },
      { token: tokens.chair },
    );
    expect(codeOf(opened)).toBe('MEETING_CANCELLED');
    expect(codeOf(await gql(server, UPDATE, { id, input: { location: 'Ailleurs' } }, { token: tokens.operator }))).toBe(
      'MEETING_CANCELLED',
    );
    expect(codeOf(await gql(server, CANCEL, { id, reason: 'Encore' }, { token: tokens.operator }))).toBe(
      'MEETING_CANCELLED',
    );
    expect(codeOf(await gql(server, CONVENE, { id }, { token: tokens.operator }))).toBe('INVALID_STATE');
  });

  it('should keep a project scheduled when another coming session examines it', async () => {
    const projectId = await project('Deux séances');
    const first = await meetingWithAgenda(projectId);
    await meetingWithAgenda(projectId);
    await gql(server, CANCEL, { id: first, reason: 'Doublon' }, { token: tokens.operator });
    expect(await projectStatus(projectId)).toBe(ProjectStatus.SCHEDULED);
  });

  it('should refuse a cancellation without a reason', async () => {
    const id = await meetingWithAgenda(await project('Sans motif'));
    expect(codeOf(await gql(server, CANCEL, { id, reason: '  ' }, { token: tokens.operator }))).toBe('BAD_USER_INPUT');
  });

  it('should let only the operator of the basin cancel or reschedule, writing nothing otherwise', async () => {
    const id = await meetingWithAgenda(await project('Réservé'));
    // Roles without the operator's right are refused before anything is read.
    for (const token of [tokens.chair, tokens.member, tokens.observer, tokens.smeleader]) {
      expect(codeOf(await gql(server, CANCEL, { id, reason: 'Non' }, { token }))).toBe('FORBIDDEN');
      expect(codeOf(await gql(server, UPDATE, { id, input: { location: 'Non' } }, { token }))).toBe('FORBIDDEN');
    }
    // Another basin's operator does not learn the session exists.
    const token = tokens.operatorB;
    expect(codeOf(await gql(server, CANCEL, { id, reason: 'Non' }, { token }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(server, UPDATE, { id, input: { location: 'Non' } }, { token }))).toBe('NOT_FOUND');
    const meeting = await gql(
      server,
      `query($id: ID!) { meeting(id: $id) { status location } }`,
      { id },
      { token: tokens.operator },
    );
    expect(meeting.data?.meeting).toEqual({ status: 'PLANNED', location: 'CCI, salle 2' });
  });
});
