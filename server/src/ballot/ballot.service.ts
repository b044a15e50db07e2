import { type EntityManager, raw, ref, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';
import { Project } from '../project/project.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { Attendance, AttendanceMode } from '../meeting/attendance.entity.js';
import { attending } from '../meeting/quorum.js';
import { committeeSeats, meetingQuorum, requireChair, requireOpen } from '../meeting/live-session.service.js';
import {
  Ballot,
  BallotKind,
  BallotParticipation,
  BallotResult,
  BallotStatus,
  ConflictOfInterest,
  VoteChoice,
} from './ballot.entity.js';
import { ballotResult } from './majority.js';
import { approveMinutesByBallot } from '../minutes/minutes.service.js';

async function loadItem(em: EntityManager, itemId: string): Promise<{ item: AgendaItem; meeting: Meeting }> {
  const item = await em.findOne(AgendaItem, itemId, { populate: ['meeting'] });
  if (!item) throw notFound('Agenda item');
  return { item, meeting: item.meeting.getEntity() };
}

/** Who is recused from an item's vote: the prescriber's organisation, and anyone who declared a conflict. */
export async function recusedOn(em: EntityManager, item: AgendaItem): Promise<Set<string>> {
  const recused = new Set<string>();
  if (item.project) {
    const project = await em.findOneOrFail(Project, item.project.id);
    const seats = await committeeSeats(em, project.basin.id);
    for (const seat of seats) if (seat.organisationId === project.prescriberOrganisation.id) recused.add(seat.personId);
  }
  for (const conflict of await em.find(ConflictOfInterest, { agendaItem: item })) recused.add(conflict.person.id);
  return recused;
}

export interface OpenBallotInput {
  kind: BallotKind;
  motion?: string | null;
  proposedAdvance?: number | null;
  proposedMandataryId?: string | null;
}

/** The motion a project ballot starts from: the advance asked, the competence plan pledged, the mandatary. */
export async function proposedMotion(em: EntityManager, item: AgendaItem, advance: number, mandatary: Person | null) {
  if (!item.project) return item.title;
  const project = await em.findOneOrFail(Project, item.project.id, { populate: ['sme'] });
  const pledges = await em.find(Pledge, { project, withdrawn: false }, { populate: ['organisation'] });
  const plan = pledges.map((p) => `${p.organisation.getEntity().name}: ${p.days} j (${p.profile})`).join('; ');
  return [
    `Approuver le projet « ${project.title} » de ${project.sme.getEntity().name}`,
    advance > 0 ? `avec une avance remboursable de ${advance.toLocaleString('fr-FR')} €` : 'sans avance remboursable',
    plan ? `et le plan de compétences : ${plan}` : 'sans transfert de compétences à ce jour',
    mandatary ? `; mandataire proposé : ${mandatary.firstName} ${mandatary.lastName}.` : '.',
  ].join(' ');
}

/**
 * Opens a ballot on the item. The electorate is fixed now: members there (in the room or remote) and the absent
 * members they represent, minus the recused. Needs quorum; one open ballot per item.
 */
export async function openBallot(app: App, em: EntityManager, viewer: Viewer, itemId: string, input: OpenBallotInput) {
  const { meeting } = await loadItem(em, itemId);
  const ballot = await em.transactional(async (tem) => {
    const item = await tem.findOneOrFail(AgendaItem, itemId);
    const live = await tem.findOneOrFail(Meeting, meeting.id);
    requireChair(viewer, live);
    requireOpen(live);
    if (await tem.count(Ballot, { agendaItem: item, status: BallotStatus.OPEN })) {
      throw new AppError(ErrorCode.BALLOT_OPEN, 'A ballot is already open on this item');
    }
    if (item.project && (await tem.count(Decision, { agendaItem: item }))) {
      throw new AppError(ErrorCode.INVALID_STATE, 'The committee has decided on this item');
    }
    const quorum = await meetingQuorum(tem, live);
    if (!quorum.reached) {
      throw new AppError(ErrorCode.NO_QUORUM, `Quorum not reached: ${quorum.present} of ${quorum.required} needed`, {
        quorum,
      });
    }
    const basin = await tem.findOneOrFail(Basin, live.basin.id);
    const project = item.project ? await tem.findOneOrFail(Project, item.project.id) : null;
    const advance = input.proposedAdvance ?? project?.advanceRequested ?? 0;
    if (advance > basin.advanceCap) {
      throw new AppError(
        ErrorCode.ADVANCE_ABOVE_CAP,
        `The advance (${advance} €) is above the basin's cap (${basin.advanceCap} €)`,
        { cap: basin.advanceCap },
      );
    }
    let mandatary: Person | null = null;
    if (input.proposedMandataryId) {
      const seats = await committeeSeats(tem, basin.id);
      if (!seats.some((s) => s.personId === input.proposedMandataryId)) {
        throw badInput('The mandatary must be a committee member', { proposedMandataryId: 'notMember' });
      }
      mandatary = await tem.findOneOrFail(Person, input.proposedMandataryId);
    }
    const recused = await recusedOn(tem, item);
    const seats = await committeeSeats(tem, basin.id);
    const attendance = await tem.find(Attendance, { meeting: live });
    const here = new Set(
      attendance
        .filter((a) => attending({ personId: a.person.id, mode: a.mode, proxyHolderId: null }))
        .map((a) => a.person.id),
    );
    const represented = attendance
      .filter((a) => a.mode === AttendanceMode.REPRESENTED && a.proxyHolder && here.has(a.proxyHolder.id))
      .map((a) => a.person.id);
    const electorate = seats
      .map((s) => s.personId)
      .filter((id) => (here.has(id) || represented.includes(id)) && !recused.has(id));
    if (electorate.length === 0) throw new AppError(ErrorCode.NOT_ELIGIBLE, 'Nobody present may vote on this item');
    return tem.create(Ballot, {
      agendaItem: item,
      kind: input.kind,
      motion: input.motion?.trim() || (await proposedMotion(tem, item, advance, mandatary)),
      proposedAdvance: project ? advance : null,
      proposedMandatary: mandatary,
      majorityRule: basin.majorityRule,
      allowVoteChange: basin.allowVoteChange && input.kind === BallotKind.NAMED,
      electorate,
      recused: [...recused],
    });
  });
  app.publishMeetingEvent(meeting.id, 'BALLOT', ballot.id);
  return ballot;
}

export interface CastVoteInput {
  ballotId: string;
  choice: VoteChoice;
  /** Chosen by the client per click; a retry with the same key is the same vote. */
  idempotencyKey: string;
  /** Vote as proxy for this absent member. */
  onBehalfOfId?: string | null;
}

const counter = {
  [VoteChoice.FOR]: 'forCount',
  [VoteChoice.AGAINST]: 'againstCount',
  [VoteChoice.ABSTAIN]: 'abstainCount',
} as const;
const column = {
  [VoteChoice.FOR]: 'for_count',
  [VoteChoice.AGAINST]: 'against_count',
  [VoteChoice.ABSTAIN]: 'abstain_count',
} as const;

/**
 * Casts (or, where allowed, changes) a vote. Each voice counts once: the unique (ballot, voter) key and the unique
 * idempotency key decide, not a check-then-insert. Counters are moved in the same transaction with an atomic
 * `x = x + 1`, so a secret ballot keeps only totals — no row ever says who chose what.
 */
export async function castVote(app: App, em: EntityManager, viewer: Viewer, input: CastVoteInput): Promise<Ballot> {
  if (!/^[\w-]{8,100}$/.test(input.idempotencyKey))
    throw badInput('Bad idempotency key', { idempotencyKey: 'invalid' });
  const attempt = () =>
    em.fork().transactional(async (tem) => {
      const ballot = await tem.findOne(Ballot, input.ballotId, { populate: ['agendaItem.meeting'] });
      if (!ballot) throw notFound('Ballot');
      const meeting = ballot.agendaItem.getEntity().meeting.getEntity();
      if (ballot.status === BallotStatus.CLOSED) throw new AppError(ErrorCode.BALLOT_CLOSED, 'This ballot is closed');
      requireOpen(meeting);
      const voterId = input.onBehalfOfId ?? viewer.person.id;
      if (voterId !== viewer.person.id) {
        const proxy = await tem.findOne(Attendance, {
          meeting,
          person: voterId,
          mode: AttendanceMode.REPRESENTED,
          proxyHolder: viewer.person.id,
        });
        if (!proxy) throw new AppError(ErrorCode.PROXY_NOT_ALLOWED, 'You do not hold this member’s proxy');
      }
      if (ballot.recused.includes(voterId))
        throw new AppError(ErrorCode.RECUSED, 'This member is recused from this vote');
      if (!ballot.electorate.includes(voterId))
        throw new AppError(ErrorCode.NOT_ELIGIBLE, 'This member is not among the voters');
      const same = await tem.findOne(BallotParticipation, { idempotencyKey: input.idempotencyKey });
      if (same) {
        if (same.ballot.id !== ballot.id || same.voter.id !== voterId)
          throw badInput('Idempotency key reused', { idempotencyKey: 'reused' });
        return { ballot, meetingId: meeting.id, changed: false };
      }
      const previous = await tem.findOne(BallotParticipation, { ballot, voter: voterId });
      if (previous) {
        if (!ballot.allowVoteChange) throw new AppError(ErrorCode.ALREADY_VOTED, 'You have voted already');
        if (previous.choice === input.choice) return { ballot, meetingId: meeting.id, changed: false };
        const old = previous.choice as VoteChoice;
        previous.choice = input.choice;
        previous.idempotencyKey = input.idempotencyKey;
        previous.castBy = ref(await tem.findOneOrFail(Person, viewer.person.id));
        await tem.flush();
        const moved = await tem.nativeUpdate(
          Ballot,
          { id: ballot.id, status: BallotStatus.OPEN },
          { [counter[old]]: raw(`${column[old]} - 1`), [counter[input.choice]]: raw(`${column[input.choice]} + 1`) },
        );
        if (moved !== 1) throw new AppError(ErrorCode.BALLOT_CLOSED, 'This ballot is closed');
        return { ballot, meetingId: meeting.id, changed: true };
      }
      tem.create(BallotParticipation, {
        ballot,
        voter: voterId,
        castBy: viewer.person.id,
        idempotencyKey: input.idempotencyKey,
        choice: ballot.kind === BallotKind.NAMED ? input.choice : null,
      });
      await tem.flush();
      const moved = await tem.nativeUpdate(
        Ballot,
        { id: ballot.id, status: BallotStatus.OPEN },
        { [counter[input.choice]]: raw(`${column[input.choice]} + 1`) },
      );
      // the ballot closed between our read and our write: nothing of this vote may remain
      if (moved !== 1) throw new AppError(ErrorCode.BALLOT_CLOSED, 'This ballot is closed');
      return { ballot, meetingId: meeting.id, changed: true };
    });
  let outcome;
  try {
    outcome = await attempt();
  } catch (error) {
    // a concurrent click of the same voter won the unique key: replay, which now sees it and answers accordingly
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    outcome = await attempt();
  }
  if (outcome.changed) app.publishMeetingEvent(outcome.meetingId, 'BALLOT', outcome.ballot.id);
  return em.findOneOrFail(Ballot, input.ballotId, { refresh: true });
}

/** Closes a ballot once (a conditional update), computes the result by the basin's rule, and shows it everywhere. */
export async function closeBallot(app: App, em: EntityManager, viewer: Viewer, ballotId: string): Promise<Ballot> {
  const meetingId = await em.transactional(async (tem) => {
    const ballot = await tem.findOne(Ballot, ballotId, { populate: ['agendaItem.meeting'] });
    if (!ballot) throw notFound('Ballot');
    const meeting = ballot.agendaItem.getEntity().meeting.getEntity();
    requireChair(viewer, meeting);
    if (ballot.status === BallotStatus.CLOSED)
      throw new AppError(ErrorCode.BALLOT_CLOSED, 'This ballot is closed already');
    const closedAt = new Date();
    const closed = await tem.nativeUpdate(
      Ballot,
      { id: ballot.id, status: BallotStatus.OPEN },
      { status: BallotStatus.CLOSED, closedAt },
    );
    if (closed !== 1) throw new AppError(ErrorCode.BALLOT_CLOSED, 'This ballot is closed already');
    const fresh = await tem.findOneOrFail(Ballot, ballot.id, { refresh: true });
    const result = ballotResult(fresh.majorityRule, {
      for: fresh.forCount,
      against: fresh.againstCount,
      abstain: fresh.abstainCount,
    });
    await tem.nativeUpdate(Ballot, { id: ballot.id }, { result });
    if (result === BallotResult.ADOPTED) await approveMinutesByBallot(tem, fresh, closedAt);
    return meeting.id;
  });
  app.publishMeetingEvent(meetingId, 'BALLOT', ballotId);
  return em.findOneOrFail(Ballot, ballotId, { refresh: true });
}

/** A member declares a conflict of interest on an item: recused from its vote (also from a ballot already open). */
export async function declareConflict(app: App, em: EntityManager, viewer: Viewer, itemId: string, reason: string) {
  const { meeting } = await loadItem(em, itemId);
  const conflict = await em.transactional(async (tem) => {
    const seats = await committeeSeats(tem, meeting.basin.id);
    if (!seats.some((s) => s.personId === viewer.person.id))
      throw new AppError(ErrorCode.NOT_ELIGIBLE, 'Only committee members declare conflicts');
    let conflict = await tem.findOne(ConflictOfInterest, { agendaItem: itemId, person: viewer.person.id });
    if (!conflict)
      conflict = tem.create(ConflictOfInterest, {
        agendaItem: itemId,
        person: viewer.person.id,
        reason: reason.trim(),
      });
    const open = await tem.findOne(Ballot, { agendaItem: itemId, status: BallotStatus.OPEN });
    if (open && !open.recused.includes(viewer.person.id)) {
      if (await tem.count(BallotParticipation, { ballot: open, voter: viewer.person.id })) {
        throw new AppError(ErrorCode.ALREADY_VOTED, 'You have voted already: declare conflicts before voting');
      }
      open.recused = [...open.recused, viewer.person.id];
      open.electorate = open.electorate.filter((id) => id !== viewer.person.id);
    }
    return conflict;
  });
  app.publishMeetingEvent(meeting.id, 'BALLOT', null);
  return conflict;
}
