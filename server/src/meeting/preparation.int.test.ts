import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, signInToken, startTestServer, type TestServer } from '../test/harness.js';
import { createTestBasin, PASSWORD, type TestBasin } from '../test/fixtures.js';
import { mailboxMark, readMailbox } from '../test/mailbox.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { Attachment, DiagnosisPaperVersion } from '../diagnosis/diagnosis-paper.entity.js';
import { AuditEntry } from '../audit/audit.entity.js';
import { hashPassword } from '../auth/password.js';
import { Meeting, MeetingStatus } from './meeting.entity.js';
import { AgendaItem } from './agenda-item.entity.js';

/**
 * Preparing a session: chairs to choose from, editing its agenda, convening, rescheduling and cancelling; and who may
 * prepare a session and its papers — the operator of the basin, and for a paper its prescriber or expert — everyone
 * else of the basin being refused.
 */

const CREATE = `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id status chair { id } } }`;
const ADD = `mutation($m: ID!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, input: $input) { id } }`;
const CONVENE = `mutation($id: ID!) { conveneMeeting(id: $id) { id status convenedAt calendarSequence convened { email } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(id: $id, input: $input) { id scheduledAt location calendarSequence } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelMeeting(id: $id, reason: $reason) { id status cancellationReason cancelledAt calendarSequence } }`;
const CANDIDATES = `query($b: ID!) { meetingChairCandidates(basinId: $b) { id displayName } }`;
const EDIT_ITEM = `mutation($id: ID!, $input: UpdateAgendaItemInput!) { updateAgendaItem(id: $id, input: $input) { id title allottedMinutes position } }`;
const MOVE_ITEM = `mutation($id: ID!, $position: Int!) { moveAgendaItem(id: $id, position: $position) { id } }`;
const REMOVE_ITEM = `mutation($id: ID!) { removeAgendaItem(id: $id) { id items { id title position } } }`;
const AGENDA = `query($id: ID!) { meeting(id: $id) { status items { id title allottedMinutes position } } }`;
const SAVE_VERSION = `mutation($p: ID!, $input: DiagnosisVersionInput!) { saveDiagnosisVersion(projectId: $p, input: $input) { id } }`;
const ATTACH = `mutation($v: ID!, $f: AttachmentInput!) { addAttachment(versionId: $v, file: $f) { id } }`;
const UPDATE_PROJECT = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id } }`;

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

/** The agenda of a session, as its operator reads it. */
async function agenda(meetingId: string): Promise<{ status: string; items: Record<string, unknown>[] }> {
  return (await gql(server, AGENDA, { id: meetingId }, { token: tokens.operator })).data?.meeting;
}

/** A meeting with a project examined, then an information point: their ids. */
async function twoItems(
  title: string,
): Promise<{ meetingId: string; projectId: string; examId: string; infoId: string }> {
  const projectId = await project(title);
  const meetingId = await meetingWithAgenda(projectId);
  const info = await gql(
    server,
    ADD,
    { m: meetingId, input: { kind: 'INFORMATION', title: 'Budget du fonds', allottedMinutes: 10 } },
    { token: tokens.operator },
  );
  const infoId = info.data?.addAgendaItem.id as string;
  const items = (await agenda(meetingId)).items;
  return { meetingId, projectId, examId: items[0]!.id as string, infoId };
}

/** Puts a meeting in a state that only a session (or its cancellation) reaches, without running one. */
async function setStatus(meetingId: string, status: MeetingStatus): Promise<void> {
  const em = server.orm.em.fork();
  (await em.findOneOrFail(Meeting, meetingId)).status = status;
  await em.flush();
}

describe('editing the agenda of a session being prepared', () => {
  it('should rename an item and change its time, before and after convening, refusing a blank title', async () => {
    const { meetingId, examId, infoId } = await twoItems('Renommé');
    const edited = await gql(
      server,
      EDIT_ITEM,
      { id: examId, input: { title: '  Renommé : cellule robotisée ', allottedMinutes: 45 } },
      { token: tokens.operator },
    );
    expect(edited.data?.updateAgendaItem).toEqual({
      id: examId,
      title: 'Renommé : cellule robotisée',
      allottedMinutes: 45,
      position: 0,
    });
    await gql(server, CONVENE, { id: meetingId }, { token: tokens.operator });
    // Only the time: the title stays.
    const timed = await gql(
      server,
      EDIT_ITEM,
      { id: infoId, input: { allottedMinutes: 5 } },
      { token: tokens.operator },
    );
    expect(timed.data?.updateAgendaItem).toMatchObject({ title: 'Budget du fonds', allottedMinutes: 5 });
    const blank = await gql(server, EDIT_ITEM, { id: infoId, input: { title: '   ' } }, { token: tokens.operator });
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    const tooLong = await gql(
      server,
      EDIT_ITEM,
      { id: infoId, input: { allottedMinutes: 481 } },
      { token: tokens.operator },
    );
    expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
    expect((await agenda(meetingId)).items).toEqual([
      { id: examId, title: 'Renommé : cellule robotisée', allottedMinutes: 45, position: 0 },
      { id: infoId, title: 'Budget du fonds', allottedMinutes: 5, position: 1 },
    ]);
  });

  it('should take an item off, closing up the others, and give its project back unless another session examines it', async () => {
    const { meetingId, projectId, examId, infoId } = await twoItems('Retiré');
    const removed = await gql(server, REMOVE_ITEM, { id: examId }, { token: tokens.operator });
    expect(removed.data?.removeAgendaItem.items).toEqual([{ id: infoId, title: 'Budget du fonds', position: 0 }]);
    expect(await projectStatus(projectId)).toBe(ProjectStatus.DIAGNOSIS);

    // Examined by two coming sessions: taken off one, it stays scheduled for the other.
    const twice = await twoItems('Deux fois');
    await meetingWithAgenda(twice.projectId);
    await gql(server, REMOVE_ITEM, { id: twice.examId }, { token: tokens.operator });
    expect(await projectStatus(twice.projectId)).toBe(ProjectStatus.SCHEDULED);
    expect((await agenda(meetingId)).items).toHaveLength(1);
  });

  it('should change nothing of the agenda once the session has opened or closed, or is cancelled', async () => {
    for (const [status, code] of [
      [MeetingStatus.OPEN, 'INVALID_STATE'],
      [MeetingStatus.CLOSED, 'INVALID_STATE'],
      [MeetingStatus.CANCELLED, 'MEETING_CANCELLED'],
    ] as const) {
      const { meetingId, examId, infoId } = await twoItems(`Figé ${status}`);
      await setStatus(meetingId, status);
      const before = await agenda(meetingId);
      const token = tokens.operator;
      expect(codeOf(await gql(server, EDIT_ITEM, { id: infoId, input: { title: 'Non' } }, { token }))).toBe(code);
      expect(codeOf(await gql(server, REMOVE_ITEM, { id: infoId }, { token }))).toBe(code);
      // Once open the chair (or the operator for the chair) reorders the agenda live: that is the live session's.
      if (status !== MeetingStatus.OPEN) {
        expect(codeOf(await gql(server, MOVE_ITEM, { id: examId, position: 1 }, { token }))).toBe(code);
      }
      expect(await agenda(meetingId)).toEqual(before);
    }
  });
});

describe('who may prepare a session and its papers', () => {
  /** Every role of basin A but its operator (with a funder and an expert added), and another basin's operator. */
  const people: Record<string, string> = {
    chair: 'chair@prep-a.test',
    viceChair: 'member@prep-a.test', // also a member for the partner company
    partnerMember: 'thirdmember@prep-a.test',
    mandatary: 'othermember@prep-a.test', // follows an approved project
    prescriber: 'prescriber@prep-a.test', // of other projects, for an associated partner
    observer: 'observer@prep-a.test', // the steering committee
    funder: 'funder@prep-a.test', // an observer for a collectivity
    smeLeader: 'smeleader@prep-a.test', // its SME's project is the one prepared here
    expert: 'expert@prep-a.test', // on another project
    otherOperator: 'operator@prep-b.test',
  };
  const roleTokens: Record<string, string> = {};
  let projectId: string;
  let versionId: string;
  let meetingId: string;
  let itemIds: string[];

  beforeAll(async () => {
    const em = server.orm.em.fork();
    const passwordHash = await hashPassword(PASSWORD);
    const person = (key: string, role: Role, organisation: string | null, project: string | null = null) => {
      const p = em.create(Person, { email: `${key}@prep-a.test`, firstName: key, lastName: 'prep-a', passwordHash });
      em.create(Membership, { person: p, basin: a.basin.id, role, organisation, project });
      return p;
    };
    // The paper's author is not in the table: a prescriber writes the papers of its own projects (diagnosis tests).
    const author = person('author', Role.MEMBER, a.associated.id);
    const collectivity = em.create(Organisation, {
      basin: a.basin.id,
      name: 'Communauté d’agglomération',
      kind: OrganisationKind.COLLECTIVITY,
    });
    person('funder', Role.OBSERVER, collectivity.id);
    const examined = em.create(Project, {
      basin: a.basin.id,
      sme: a.sme.id,
      title: 'Préparation réservée',
      status: ProjectStatus.DIAGNOSIS,
      prescriber: author,
      prescriberOrganisation: a.associated.id,
    });
    // Another project, approved: the second member follows it as its mandatary, and an expert writes its paper.
    const approved = em.create(Project, {
      basin: a.basin.id,
      sme: a.sme.id,
      title: 'Projet suivi',
      status: ProjectStatus.APPROVED,
      prescriber: a.people.prescriber.id,
      prescriberOrganisation: a.associated.id,
    });
    em.create(Decision, {
      project: approved,
      outcome: DecisionOutcome.APPROVED,
      mandatary: a.people.otherMember.id,
      recordedBy: a.people.operator.id,
    });
    person('expert', Role.EXPERT, null, approved.id);
    await em.flush();
    projectId = examined.id;

    const save = await gql(
      server,
      SAVE_VERSION,
      { p: projectId, input: { title: 'Diagnostic', sections: [{ heading: 'Entreprise', body: 'Atelier.' }] } },
      { token: tokens.operator },
    );
    versionId = save.data?.saveDiagnosisVersion.id as string;
    meetingId = await meetingWithAgenda(projectId);
    await gql(
      server,
      ADD,
      { m: meetingId, input: { kind: 'INFORMATION', title: 'Point' } },
      { token: tokens.operator },
    );
    itemIds = (await agenda(meetingId)).items.map((item) => item.id as string);

    for (const [who, email] of Object.entries(people)) roleTokens[who] = await signInToken(server, email, PASSWORD);
  });

  /** Every act of preparing a session or its papers, aimed at basin A's meeting, items, project and paper. */
  function acts(): [string, string, Record<string, unknown>][] {
    const [first, second] = itemIds as [string, string];
    return [
      [
        'createMeeting',
        CREATE,
        { input: { basinId: a.basin.id, title: 'Séance refusée', scheduledAt: '2027-01-14T08:30:00Z' } },
      ],
      ['conveneMeeting', CONVENE, { id: meetingId }],
      ['updateMeeting', UPDATE, { id: meetingId, input: { location: 'Ailleurs' } }],
      ['addAgendaItem', ADD, { m: meetingId, input: { kind: 'INFORMATION', title: 'Ajout refusé' } }],
      ['updateAgendaItem', EDIT_ITEM, { id: first, input: { title: 'Renommage refusé', allottedMinutes: 99 } }],
      ['moveAgendaItem', MOVE_ITEM, { id: second, position: 0 }],
      ['removeAgendaItem', REMOVE_ITEM, { id: first }],
      [
        'saveDiagnosisVersion',
        SAVE_VERSION,
        { p: projectId, input: { title: 'Version refusée', sections: [{ heading: 'X', body: 'Y' }] } },
      ],
      [
        'addAttachment',
        ATTACH,
        { v: versionId, f: { fileName: 'x.txt', mimeType: 'text/plain', contentBase64: 'eA==' } },
      ],
      ['updateProject', UPDATE_PROJECT, { id: projectId, input: { title: 'Titre refusé' } }],
    ];
  }

  /** What an act would have changed: the basin's audit trail (every write), the records themselves, the mail sent. */
  async function written() {
    const em = server.orm.em.fork();
    const meeting = await em.findOneOrFail(Meeting, meetingId);
    const project = await em.findOneOrFail(Project, projectId);
    const items = await em.find(AgendaItem, { meeting: meetingId }, { orderBy: { position: 'asc' } });
    return {
      audit: await em.count(AuditEntry, { chain: a.basin.id }),
      meetings: await em.count(Meeting, { basin: a.basin.id }),
      meeting: [meeting.status, meeting.location, meeting.calendarSequence],
      items: items.map((item) => [item.id, item.title, item.allottedMinutes, item.position]),
      project: [project.title, project.status],
      versions: await em.count(DiagnosisPaperVersion, { paper: { project: projectId } }),
      attachments: await em.count(Attachment, { version: versionId }),
      mails: mailboxMark(server.config.dataDir).size,
    };
  }

  // The SME leader sees its own project but not the committee's papers nor its sessions; the expert sees one other
  // project's page and paper only: what they cannot read is NOT_FOUND (docs/DECISIONS.md, "Who reads what").
  it.each([
    ['chair', 'FORBIDDEN', {}],
    ['viceChair', 'FORBIDDEN', {}],
    ['partnerMember', 'FORBIDDEN', {}],
    ['mandatary', 'FORBIDDEN', {}],
    ['prescriber', 'FORBIDDEN', {}],
    ['observer', 'FORBIDDEN', {}],
    ['funder', 'FORBIDDEN', {}],
    ['smeLeader', 'FORBIDDEN', { moveAgendaItem: 'NOT_FOUND', addAttachment: 'NOT_FOUND' }],
    [
      'expert',
      'FORBIDDEN',
      { moveAgendaItem: 'NOT_FOUND', saveDiagnosisVersion: 'NOT_FOUND', addAttachment: 'NOT_FOUND' },
    ],
    ['otherOperator', 'NOT_FOUND', {}],
    [null, 'UNAUTHENTICATED', {}],
  ] as [string | null, string, Record<string, string>][])(
    'should refuse every act of preparation in basin A to %s with %s, writing nothing',
    async (who, code, except) => {
      const before = await written();
      const token = who ? roleTokens[who] : null;
      const answers = [];
      for (const [name, query, variables] of acts()) {
        answers.push({ name, code: codeOf(await gql(server, query, variables, { token })) });
      }
      expect(answers).toEqual(acts().map(([name]) => ({ name, code: except[name] ?? code })));
      expect(await written()).toEqual(before);
    },
  );
});
