import { randomUUID } from 'node:crypto';
import { codeOf, gql, signInToken, type TestServer } from './harness.js';
import { PASSWORD, type TestBasin } from './fixtures.js';
import { Project } from '../project/project.entity.js';
import { CompetenceNeed, CompetenceDomain } from '../project/competence-need.entity.js';
import { DiagnosisPaper, DiagnosisPaperVersion } from '../diagnosis/diagnosis-paper.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { AgendaItem, AgendaItemKind } from '../meeting/agenda-item.entity.js';

/** Drives a committee session over real HTTP, as the chair and members would: shared by the documents' tests. */

export type Who =
  'operator' | 'chair' | 'member' | 'othermember' | 'thirdmember' | 'prescriber' | 'observer' | 'smeleader';

export async function signInAll(server: TestServer, slug: string): Promise<Record<Who, string>> {
  const keys: Who[] = [
    'operator',
    'chair',
    'member',
    'othermember',
    'thirdmember',
    'prescriber',
    'observer',
    'smeleader',
  ];
  const tokens = {} as Record<Who, string>;
  for (const key of keys) tokens[key] = await signInToken(server, `${key}@${slug}.test`, PASSWORD);
  return tokens;
}

/** Fails loudly when an operation is refused, so that a test reads as the happy path it is. */
export async function ok<T = Record<string, any>>(
  server: TestServer,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await gql<T>(server, query, variables, { token });
  if (result.errors?.length) throw new Error(`${codeOf(result)}: ${result.errors[0]?.message} in ${query}`);
  return result.data as T;
}

export interface PreparedSession {
  projectId: string;
  meetingId: string;
  projectItemId: string;
  infoItemId: string;
  deferredItemId: string;
  qualityNeedId: string;
}

/**
 * A convened session: a project with two needs and a diagnosis in two versions (the session shows the second),
 * then an information point and a follow-up point that will be deferred.
 */
export async function prepareSession(
  server: TestServer,
  a: TestBasin,
  options: { title: string; scheduledAt?: Date; advanceRequested?: number },
): Promise<PreparedSession> {
  const em = server.orm.em.fork();
  const project = em.create(Project, {
    basin: a.basin.id,
    sme: a.sme.id,
    title: options.title,
    prescriber: a.people.prescriber.id,
    prescriberOrganisation: a.associated.id,
    advanceRequested: options.advanceRequested ?? 12000,
    jobsPlanned: 5,
  });
  const need = em.create(CompetenceNeed, {
    project,
    position: 0,
    domain: CompetenceDomain.QUALITY,
    profile: 'Ingénieur qualité',
    estimatedDays: 10,
  });
  em.create(CompetenceNeed, {
    project,
    position: 1,
    domain: CompetenceDomain.HR,
    profile: 'Recruteur',
    estimatedDays: 4,
  });
  const paper = em.create(DiagnosisPaper, { project, latestVersion: 2 });
  for (const number of [1, 2]) {
    em.create(DiagnosisPaperVersion, { paper, number, title: `Diagnostic v${number}`, author: a.people.prescriber.id });
  }
  const meeting = em.create(Meeting, {
    basin: a.basin.id,
    title: `Séance — ${options.title}`,
    scheduledAt: options.scheduledAt ?? new Date(),
    location: 'CCI, salle Watteau',
    chair: a.people.chair.id,
    status: MeetingStatus.CONVENED,
  });
  const projectItem = em.create(AgendaItem, {
    meeting,
    position: 0,
    kind: AgendaItemKind.PROJECT_EXAMINATION,
    title: options.title,
    project,
  });
  const info = em.create(AgendaItem, {
    meeting,
    position: 1,
    kind: AgendaItemKind.INFORMATION,
    title: 'Budget du fonds',
  });
  const deferred = em.create(AgendaItem, {
    meeting,
    position: 2,
    kind: AgendaItemKind.INFORMATION,
    title: 'Renouvellement de la convention',
  });
  await em.flush();
  return {
    projectId: project.id,
    meetingId: meeting.id,
    projectItemId: projectItem.id,
    infoItemId: info.id,
    deferredItemId: deferred.id,
    qualityNeedId: need.id,
  };
}

const ATTEND = `mutation($id: ID!, $input: AttendanceInput!) { declareAttendance(meetingId: $id, input: $input) { mode } }`;

/**
 * Opens the session; the chair and prescriber in the room, a member remote, the third represented by the second.
 * A session scheduled on another day than the test's is opened with a reason, then recorded as held on its day, so
 * that its minutes read as they would (the tests' clock is not the session's).
 */
export async function openWithQuorum(
  server: TestServer,
  a: TestBasin,
  tokens: Record<Who, string>,
  meetingId: string,
): Promise<void> {
  await ok(server, tokens.chair, `mutation($id: ID!, $r: String) { openMeeting(id: $id, reason: $r) { status } }`, {
    id: meetingId,
    r: 'Séance d’essai',
  });
  const em = server.orm.em.fork();
  const meeting = await em.findOneOrFail(Meeting, meetingId);
  if (meeting.openingReason) {
    meeting.openedAt = meeting.scheduledAt;
    meeting.openingReason = null;
    await em.flush();
  }
  await ok(server, tokens.chair, ATTEND, { id: meetingId, input: { mode: 'PRESENT' } });
  await ok(server, tokens.member, ATTEND, { id: meetingId, input: { mode: 'REMOTE' } });
  await ok(server, tokens.othermember, ATTEND, { id: meetingId, input: { mode: 'PRESENT' } });
  await ok(server, tokens.prescriber, ATTEND, { id: meetingId, input: { mode: 'PRESENT' } });
  await ok(server, tokens.thirdmember, ATTEND, {
    id: meetingId,
    input: { mode: 'REPRESENTED', proxyHolderId: a.people.otherMember.id },
  });
}

export const vote = (
  server: TestServer,
  token: string,
  ballotId: string,
  choice: 'FOR' | 'AGAINST' | 'ABSTAIN',
  onBehalfOfId?: string,
) =>
  ok(server, token, `mutation($input: CastVoteInput!) { castVote(input: $input) { id } }`, {
    input: { ballotId, choice, idempotencyKey: randomUUID(), onBehalfOfId },
  });

/**
 * The project item, approved: both partner companies pledge, a ballot of the given kind (the chair, the second
 * member and, by proxy, the third vote for; the member is recused by a declared conflict, the prescriber by
 * prescribing), then the decision with the advance and the second member as mandatary.
 */
export async function approveProject(
  server: TestServer,
  a: TestBasin,
  tokens: Record<Who, string>,
  session: PreparedSession,
  options: { ballot: 'NAMED' | 'SECRET'; advance: number },
): Promise<void> {
  const item = session.projectItemId;
  await ok(server, tokens.chair, `mutation($i: ID!) { setCurrentItem(itemId: $i) { id } }`, { i: item });
  const pledge = `mutation($item: ID!, $input: PledgeInput!) { pledge(itemId: $item, input: $input) { id } }`;
  await ok(server, tokens.member, pledge, {
    item,
    input: { needId: session.qualityNeedId, days: 6, expertName: 'Hélène Expert' },
  });
  await ok(server, tokens.othermember, pledge, { item, input: { domain: 'HR', profile: 'Recruteur', days: 2.5 } });
  await ok(
    server,
    tokens.member,
    `mutation($i: ID!) { declareConflict(itemId: $i, reason: "Cousin du dirigeant") { id } }`,
    {
      i: item,
    },
  );
  const opened = await ok(
    server,
    tokens.chair,
    `mutation($item: ID!, $input: OpenBallotInput!) { openBallot(itemId: $item, input: $input) { id } }`,
    {
      item,
      input: { kind: options.ballot, proposedMandataryId: a.people.otherMember.id, proposedAdvance: options.advance },
    },
  );
  const ballotId = opened.openBallot.id as string;
  await vote(server, tokens.chair, ballotId, 'FOR');
  await vote(server, tokens.othermember, ballotId, 'AGAINST');
  await vote(server, tokens.othermember, ballotId, 'FOR', a.people.thirdMember.id);
  if (options.ballot === 'NAMED') await vote(server, tokens.othermember, ballotId, 'FOR');
  await ok(server, tokens.chair, `mutation($b: ID!) { closeBallot(ballotId: $b) { result } }`, { b: ballotId });
  await ok(
    server,
    tokens.chair,
    `mutation($item: ID!, $input: DecisionInput!) { recordDecision(itemId: $item, input: $input) { id } }`,
    { item, input: { outcome: 'APPROVED', advanceAmount: options.advance } },
  );
}
