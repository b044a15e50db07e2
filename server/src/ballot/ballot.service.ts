import { type EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { readsBasin } from '../basin/basin.access.js';
import { Person } from '../person/person.entity.js';
import { Project } from '../project/project.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { Attendance, AttendanceMode } from '../meeting/attendance.entity.js';
import { attending } from '../meeting/quorum.js';
import { committeeSeats, meetingQuorum, requirePresiding, requireOpen } from '../meeting/live-session.service.js';
import {
  Ballot,
  BallotKind,
  BallotParticipation,
  BallotResult,
  BallotStatus,
  ConflictOfInterest,
  SealedVote,
  VoteChoice,
} from './ballot.entity.js';
import { forgetDeletedRows, onSqlite } from '../db/sqlite.js';
import { recordNativeWrites } from '../audit/audit.subscriber.js';
import { MeetingStatus } from '../meeting/meeting.entity.js';
import { randomUUID } from 'node:crypto';
import { liveTransaction } from '../live/live-changes.js';
import { ballotResult } from './majority.js';
import { approveMinutesByBallot } from '../minutes/minutes.service.js';
import { dayCount, elide, euros, typeset } from '../minutes/french.js';

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
  const plan = pledges
    .map((p) => `${p.organisation.getEntity().name} : ${dayCount(p.days)} (${p.profile})`)
    .join(' ; ');
  // an official text: French typography throughout (no-break spaces, decimal comma, elision)
  return typeset(
    [
      `Approuver le projet « ${project.title} » ${elide('de', project.sme.getEntity().name)}`,
      advance > 0 ? `avec une avance remboursable de ${euros(advance)}` : 'sans avance remboursable',
      plan ? `et le plan de compétences : ${plan}` : 'sans transfert de compétences à ce jour',
      mandatary ? `; mandataire proposé : ${mandatary.firstName} ${mandatary.lastName}.` : '.',
    ].join(' '),
  ).replace(/ ([;.])$/, '$1');
}

/**
 * Opens a ballot on the item. The electorate is fixed now: members there (in the room or remote) and the absent
 * members they represent, minus the recused. Needs quorum; one open ballot per item.
 */
export async function openBallot(app: App, em: EntityManager, viewer: Viewer, itemId: string, input: OpenBallotInput) {
  const { meeting } = await loadItem(em, itemId);
  return liveTransaction(app, em, async (tem, live) => {
    const item = await tem.findOneOrFail(AgendaItem, itemId);
    const session = await tem.findOneOrFail(Meeting, meeting.id);
    requirePresiding(viewer, session);
    requireOpen(session);
    if (await tem.count(Ballot, { agendaItem: item, status: BallotStatus.OPEN })) {
      throw new AppError(ErrorCode.BALLOT_OPEN, 'A ballot is already open on this item');
    }
    if (item.project && (await tem.count(Decision, { agendaItem: item }))) {
      throw new AppError(ErrorCode.INVALID_STATE, 'The committee has decided on this item');
    }
    const quorum = await meetingQuorum(tem, session);
    if (!quorum.reached) {
      throw new AppError(ErrorCode.NO_QUORUM, `Quorum not reached: ${quorum.present} of ${quorum.required} needed`, {
        quorum,
      });
    }
    const basin = await tem.findOneOrFail(Basin, session.basin.id);
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
    const attendance = await tem.find(Attendance, { meeting: session });
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
    const ballot = tem.create(Ballot, {
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
    await live.note({ meetingId: meeting.id, kind: 'BALLOT', subjectId: ballot.id, affects: 'SEATS' });
    return ballot;
  });
}

export interface CastVoteInput {
  ballotId: string;
  choice: VoteChoice;
  /** Chosen by the client per click; a retry with the same key is the same vote. */
  idempotencyKey: string;
  /** Vote as proxy for this absent member. */
  onBehalfOfId?: string | null;
}

/** A ballot, locked for this transaction: votes, conflicts and the close of one ballot take their turn. */
async function lockBallot(em: EntityManager, ballotId: string): Promise<Ballot> {
  const ballot = await em.findOne(Ballot, ballotId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!ballot) throw notFound('Ballot');
  return ballot;
}

/** The ballot's opening minute: the time every participation row carries, so that none keeps the order of votes. */
const openingMinute = (openedAt: Date): Date => new Date(Math.floor(openedAt.getTime() / 60_000) * 60_000);

/**
 * Casts (or, where allowed, changes) a vote. The ballot row is locked for the transaction (`SELECT … FOR UPDATE`
 * on PostgreSQL; SQLite has one writer at a time), so that every check and write of one vote is one step against
 * the others and against the close. Each voice counts once: the unique (ballot, voter) key decides. Every accepted
 * idempotency key is kept, so a retried click — even one that arrives after a later change — changes nothing.
 * A named vote keeps its choice on its participation row, from which the tally is counted; a secret one puts its
 * choice, sealed, in the ballot box and nothing on the voter's row.
 */
export async function castVote(app: App, em: EntityManager, viewer: Viewer, input: CastVoteInput): Promise<Ballot> {
  if (!/^[\w-]{8,100}$/.test(input.idempotencyKey))
    throw badInput('Bad idempotency key', { idempotencyKey: 'invalid' });
  const attempt = () =>
    liveTransaction(app, em.fork(), async (tem, live) => {
      const votes = new VoteStatements(tem);
      const ballot = await votes.lockBallot(input.ballotId);
      // the access check rides on the lock's statement (the ballot's basin comes with it); nothing is written before
      if (!ballot || !readsBasin(viewer, ballot.basinId)) throw notFound('Ballot');
      if (ballot.status === BallotStatus.CLOSED) throw new AppError(ErrorCode.BALLOT_CLOSED, 'This ballot is closed');
      if (ballot.meetingStatus !== MeetingStatus.OPEN)
        throw new AppError(ErrorCode.MEETING_NOT_OPEN, 'The session is not open');
      const voterId = input.onBehalfOfId ?? viewer.person.id;
      const prior = await votes.prior(input.idempotencyKey, ballot.id, voterId);
      if (prior.keyBallotId) {
        if (prior.keyBallotId !== ballot.id || prior.keyVoterId !== voterId)
          throw badInput('Idempotency key reused', { idempotencyKey: 'reused' });
        return;
      }
      if (voterId !== viewer.person.id) {
        const proxy = await tem.count(Attendance, {
          meeting: ballot.meetingId,
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
      if (prior.participationId && !ballot.allowVoteChange)
        throw new AppError(ErrorCode.ALREADY_VOTED, 'You have voted already');
      await votes.keepKey(input.idempotencyKey, ballot.id, voterId);
      const at = openingMinute(ballot.openedAt);
      if (prior.participationId) {
        // only a named ballot allows a change: its choice lives on this row, and the tally is counted from the rows
        if (prior.choice === input.choice) return;
        await votes.change(prior.participationId, input.choice, viewer.person.id, at);
        await recordNativeWrites(tem, BallotParticipation.name, 'UPDATE', [
          {
            id: prior.participationId,
            basinId: ballot.basinId,
            before: { choice: prior.choice, castBy: prior.castById },
            after: { choice: input.choice, castBy: viewer.person.id },
          },
        ]);
      } else {
        const named = ballot.kind === BallotKind.NAMED;
        const row = {
          id: randomUUID(),
          createdAt: at,
          updatedAt: at,
          ballot: ballot.id,
          voter: voterId,
          castBy: viewer.person.id,
          choice: named ? input.choice : null,
        };
        await votes.participate(row);
        if (named)
          await recordNativeWrites(tem, BallotParticipation.name, 'CREATE', [
            { id: row.id, basinId: ballot.basinId, after: row },
          ]);
        else await votes.seal(ballot.id, app.seal.seal(ballot.id, input.choice));
      }
      // the voter and whoever clicked for them see their voices change
      await live.note({
        meetingId: ballot.meetingId,
        kind: 'BALLOT',
        subjectId: ballot.id,
        affects: [...new Set([voterId, viewer.person.id])],
      });
    });
  try {
    await attempt();
  } catch (error) {
    // a concurrent click of the same voter, or with the same key, won the unique key: replay, which now sees it
    const unique =
      error instanceof UniqueConstraintViolationException ||
      em.getDriver().convertException(error as Error) instanceof UniqueConstraintViolationException;
    if (!unique) throw error;
    await attempt();
  }
  return em.findOneOrFail(Ballot, input.ballotId, { refresh: true });
}

/** What a vote needs to know of its ballot, read with the row lock. */
interface LockedBallot {
  id: string;
  status: BallotStatus;
  kind: BallotKind;
  allowVoteChange: boolean;
  electorate: string[];
  recused: string[];
  openedAt: Date;
  meetingId: string;
  meetingStatus: MeetingStatus;
  basinId: string;
}

/**
 * The few statements of a vote, written by hand: a vote is the hottest write of a live session (a committee votes
 * within seconds, and every screen waits for it), and through the unit of work it cost three times the CPU. The
 * rows are the entities' own (`BallotParticipation`, `VoteKey`, `SealedVote`); the audit entry of a named vote is
 * recorded like any native write.
 */
class VoteStatements {
  private readonly connection;
  private readonly trx;

  constructor(private readonly em: EntityManager) {
    this.connection = em.getConnection();
    this.trx = em.getTransactionContext();
  }

  private run<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.connection.execute(sql, params, 'all', this.trx) as Promise<T[]>;
  }

  /**
   * The ballot with its meeting, the ballot's row locked for the transaction (`FOR UPDATE` on PostgreSQL; SQLite
   * has one writer at a time): votes, conflicts and the close of one ballot take their turn.
   */
  async lockBallot(id: string): Promise<LockedBallot | null> {
    const [row] = await this.run<Record<string, unknown>>(
      'select b.id, b.status, b.kind, b.allow_vote_change, b.electorate, b.recused, b.opened_at, ' +
        'm.id as meeting_id, m.status as meeting_status, m.basin_id ' +
        'from ballot b join agenda_item a on a.id = b.agenda_item_id join meeting m on m.id = a.meeting_id ' +
        `where b.id = ?${onSqlite(this.em) ? '' : ' for update of b'}`,
      [id],
    );
    if (!row) return null;
    const list = (value: unknown): string[] => (typeof value === 'string' ? JSON.parse(value) : value) as string[];
    return {
      id: String(row.id),
      status: row.status as BallotStatus,
      kind: row.kind as BallotKind,
      allowVoteChange: Boolean(row.allow_vote_change),
      electorate: list(row.electorate),
      recused: list(row.recused),
      openedAt: new Date(row.opened_at as Date | number),
      meetingId: String(row.meeting_id),
      meetingStatus: row.meeting_status as MeetingStatus,
      basinId: String(row.basin_id),
    };
  }

  /** What this key and this voter did before on this ballot: the key's owner, if it was used; the voter's row. */
  async prior(key: string, ballotId: string, voterId: string) {
    const [row] = await this.run<Record<string, string | null>>(
      'select k.ballot_id as key_ballot_id, k.voter_id as key_voter_id, ' +
        'p.id as participation_id, p.choice, p.cast_by_id ' +
        'from (select 1 as one) x left join vote_key k on k.key = ? ' +
        'left join ballot_participation p on p.ballot_id = ? and p.voter_id = ?',
      [key, ballotId, voterId],
    );
    return {
      keyBallotId: row?.key_ballot_id ?? null,
      keyVoterId: row?.key_voter_id ?? null,
      participationId: row?.participation_id ?? null,
      choice: (row?.choice ?? null) as VoteChoice | null,
      castById: row?.cast_by_id ?? null,
    };
  }

  keepKey(key: string, ballotId: string, voterId: string) {
    return this.run('insert into vote_key (key, ballot_id, voter_id) values (?, ?, ?)', [key, ballotId, voterId]);
  }

  participate(row: {
    id: string;
    createdAt: Date;
    updatedAt: Date;
    ballot: string;
    voter: string;
    castBy: string;
    choice: VoteChoice | null;
  }) {
    return this.run(
      'insert into ballot_participation (id, created_at, updated_at, ballot_id, voter_id, cast_by_id, choice) ' +
        'values (?, ?, ?, ?, ?, ?, ?)',
      [row.id, row.createdAt, row.updatedAt, row.ballot, row.voter, row.castBy, row.choice],
    );
  }

  change(participationId: string, choice: VoteChoice, castById: string, at: Date) {
    return this.run('update ballot_participation set choice = ?, cast_by_id = ?, updated_at = ? where id = ?', [
      choice,
      castById,
      at,
      participationId,
    ]);
  }

  /** A secret choice goes, sealed, into the ballot box: nothing on the voter's row says what it was. */
  seal(ballotId: string, sealed: string) {
    return this.run('insert into ballot_box (id, ballot_id, sealed) values (?, ?, ?)', [
      randomUUID(),
      ballotId,
      sealed,
    ]);
  }
}

/** A voice a person casts on a ballot: their own, or one they carry by proxy. */
export interface Voice {
  voter: Person;
  isProxy: boolean;
  eligible: boolean;
  recused: boolean;
  hasVoted: boolean;
  /** Named ballots only: a secret ballot never says, not even to the voter. */
  choice: VoteChoice | null;
}

/** The voices `person` casts on `ballot`: their own, and those of the absent members whose proxy they hold. */
export async function voicesOf(em: EntityManager, ballot: Ballot, person: Person): Promise<Voice[]> {
  const item = await em.findOneOrFail(AgendaItem, ballot.agendaItem.id);
  const proxies = await em.find(
    Attendance,
    { meeting: item.meeting.id, proxyHolder: person.id, mode: AttendanceMode.REPRESENTED },
    { populate: ['person'] },
  );
  const voters = [{ person, isProxy: false }, ...proxies.map((p) => ({ person: p.person.getEntity(), isProxy: true }))];
  const cast = await em.find(BallotParticipation, { ballot, voter: { $in: voters.map((v) => v.person.id) } });
  return voters.map(({ person: voter, isProxy }) => {
    const vote = cast.find((c) => c.voter.id === voter.id);
    return {
      voter,
      isProxy,
      eligible: ballot.electorate.includes(voter.id),
      recused: ballot.recused.includes(voter.id),
      hasVoted: !!vote,
      choice: ballot.kind === BallotKind.NAMED ? (vote?.choice ?? null) : null,
    };
  });
}

export interface Tally {
  for: number;
  against: number;
  abstain: number;
}

/** A named ballot's tally, counted from its recorded votes (never from a running counter). */
export async function countNamedVotes(em: EntityManager, ballot: Ballot): Promise<Tally> {
  const votes = await em.find(BallotParticipation, { ballot }, { fields: ['choice'] });
  return tally(votes.map((v) => v.choice as VoteChoice));
}

function tally(choices: VoteChoice[]): Tally {
  const result = { for: 0, against: 0, abstain: 0 };
  for (const choice of choices) {
    if (choice === VoteChoice.FOR) result.for += 1;
    else if (choice === VoteChoice.AGAINST) result.against += 1;
    else if (choice === VoteChoice.ABSTAIN) result.abstain += 1;
    else throw new Error('a vote without a choice');
  }
  return result;
}

/**
 * Closes a ballot once, under the ballot's lock (so no vote is half-way), counts it — a named one from its votes,
 * a secret one by opening the sealed box, which is then emptied — and shows the result everywhere. The database
 * refuses a tally that does not add up to the voices cast. On SQLite, the write-ahead log is then checkpointed and
 * truncated, and deleted rows are zeroed (`secure_delete`), so that no earlier page of the box stays on disk.
 */
export async function closeBallot(app: App, em: EntityManager, viewer: Viewer, ballotId: string): Promise<Ballot> {
  const kind = await liveTransaction(app, em, async (tem, live) => {
    const ballot = await lockBallot(tem, ballotId);
    const item = await tem.findOneOrFail(AgendaItem, ballot.agendaItem.id, { populate: ['meeting'] });
    const meeting = item.meeting.getEntity();
    requirePresiding(viewer, meeting);
    if (ballot.status === BallotStatus.CLOSED)
      throw new AppError(ErrorCode.BALLOT_CLOSED, 'This ballot is closed already');
    const castCount = await tem.count(BallotParticipation, { ballot });
    let counted: Tally;
    if (ballot.kind === BallotKind.SECRET) {
      const box = await tem.find(SealedVote, { ballot });
      counted = tally(box.map((vote) => app.seal.open(ballot.id, vote.sealed)));
      await tem.nativeDelete(SealedVote, { ballot });
    } else {
      counted = await countNamedVotes(tem, ballot);
    }
    const closedAt = new Date();
    const result = ballotResult(ballot.majorityRule, counted);
    ballot.status = BallotStatus.CLOSED;
    ballot.closedAt = closedAt;
    ballot.forCount = counted.for;
    ballot.againstCount = counted.against;
    ballot.abstainCount = counted.abstain;
    ballot.castCount = castCount;
    ballot.result = result;
    await tem.flush();
    if (result === BallotResult.ADOPTED) await approveMinutesByBallot(tem, ballot, closedAt);
    await live.note({ meetingId: meeting.id, kind: 'BALLOT', subjectId: ballot.id, affects: 'SEATS' });
    return ballot.kind;
  });
  if (kind === BallotKind.SECRET) await forgetDeletedRows(app.orm);
  return em.findOneOrFail(Ballot, ballotId, { refresh: true });
}

/** A member declares a conflict of interest on an item: recused from its vote (also from a ballot already open). */
export async function declareConflict(app: App, em: EntityManager, viewer: Viewer, itemId: string, reason: string) {
  const { meeting } = await loadItem(em, itemId);
  return liveTransaction(app, em, async (tem, live) => {
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
    const open = await tem.findOne(
      Ballot,
      { agendaItem: itemId, status: BallotStatus.OPEN },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (open && !open.recused.includes(viewer.person.id)) {
      if (await tem.count(BallotParticipation, { ballot: open, voter: viewer.person.id })) {
        throw new AppError(ErrorCode.ALREADY_VOTED, 'You have voted already: declare conflicts before voting');
      }
      open.recused = [...open.recused, viewer.person.id];
      open.electorate = open.electorate.filter((id) => id !== viewer.person.id);
    }
    await live.note({ meetingId: meeting.id, kind: 'BALLOT', affects: [viewer.person.id] });
    return conflict;
  });
}
