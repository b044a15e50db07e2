import { type EntityManager, ref } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import { liveTransaction } from '../live/live-changes.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { Advance } from '../advance/advance.entity.js';
import { AgendaItem, AgendaItemStatus } from '../meeting/agenda-item.entity.js';
import { Attendance } from '../meeting/attendance.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { committeeSeats, meetingQuorum, requirePresiding, requireOpen } from '../meeting/live-session.service.js';
import { Ballot, BallotResult, BallotStatus } from '../ballot/ballot.entity.js';
import { Decision, DecisionOutcome } from './decision.entity.js';
import { decisionTrace } from './trace.js';
import { generateConvention } from '../cooperation/convention.service.js';

export interface DecisionInput {
  outcome: DecisionOutcome;
  /** Approval: the advance granted (defaults to the ballot's motion); at most the basin's cap. */
  advanceAmount?: number | null;
  /** Approval: required, a committee member who will follow the project. */
  mandataryId?: string | null;
  /** Required for a deferral; welcome for a rejection. */
  reasons?: string | null;
}

const NEXT_STATUS = {
  [DecisionOutcome.APPROVED]: ProjectStatus.APPROVED,
  [DecisionOutcome.REJECTED]: ProjectStatus.REJECTED,
  [DecisionOutcome.DEFERRED]: ProjectStatus.DEFERRED,
} as const;

/**
 * Records the committee's decision on a project item. Approval and rejection follow a closed ballot whose result
 * they match; approval needs an advance within the cap and a mandatary; a deferral needs reasons. The project moves
 * on in its pipeline, an approved advance is granted, and the whole context is kept in the decision's trace.
 */
export async function recordDecision(
  app: App,
  em: EntityManager,
  viewer: Viewer,
  itemId: string,
  input: DecisionInput,
) {
  return liveTransaction(app, em, async (tem, live) => {
    const item = await tem.findOne(AgendaItem, itemId);
    if (!item) throw notFound('Agenda item');
    const meeting = await tem.findOneOrFail(Meeting, item.meeting.id);
    requirePresiding(viewer, meeting);
    requireOpen(meeting);
    if (!item.project) throw new AppError(ErrorCode.INVALID_STATE, 'Only a project item takes a decision');
    if (await tem.count(Decision, { agendaItem: item }))
      throw new AppError(ErrorCode.INVALID_STATE, 'This item is decided already');
    if (await tem.count(Ballot, { agendaItem: item, status: BallotStatus.OPEN })) {
      throw new AppError(ErrorCode.BALLOT_OPEN, 'Close the ballot before recording the decision');
    }
    const project = await tem.findOneOrFail(Project, item.project.id);
    const basin = await tem.findOneOrFail(Basin, meeting.basin.id);
    const ballot = await tem.findOne(
      Ballot,
      { agendaItem: item, status: BallotStatus.CLOSED },
      { orderBy: { closedAt: 'desc' } },
    );
    const reasons = input.reasons?.trim() ?? '';

    let advanceAmount = 0;
    let mandatary: Person | null = null;
    if (input.outcome === DecisionOutcome.DEFERRED) {
      if (!reasons) throw badInput('Say why the project is deferred', { reasons: 'required' });
    } else {
      const expected = input.outcome === DecisionOutcome.APPROVED ? BallotResult.ADOPTED : BallotResult.REJECTED;
      if (!ballot) throw new AppError(ErrorCode.INVALID_STATE, 'Vote on the project before deciding');
      if (ballot.result !== expected) {
        throw new AppError(
          ErrorCode.INVALID_STATE,
          `The ballot's result (${ballot.result}) does not allow this decision`,
        );
      }
    }
    if (input.outcome === DecisionOutcome.APPROVED) {
      advanceAmount = input.advanceAmount ?? ballot?.proposedAdvance ?? 0;
      if (advanceAmount < 0) throw badInput('The advance cannot be negative', { advanceAmount: 'negative' });
      if (advanceAmount > basin.advanceCap) {
        throw new AppError(
          ErrorCode.ADVANCE_ABOVE_CAP,
          `The advance (${advanceAmount} €) is above the basin's cap (${basin.advanceCap} €)`,
          { cap: basin.advanceCap },
        );
      }
      const mandataryId = input.mandataryId ?? ballot?.proposedMandatary?.id;
      if (!mandataryId)
        throw new AppError(ErrorCode.MANDATARY_REQUIRED, 'Name the mandatary who will follow the project');
      const seats = await committeeSeats(tem, basin.id);
      if (!seats.some((s) => s.personId === mandataryId)) {
        throw new AppError(ErrorCode.MANDATARY_REQUIRED, 'The mandatary must be a committee member of the basin');
      }
      mandatary = await tem.findOneOrFail(Person, mandataryId);
      // the committee voted on a motion: the decision may grant less than it said, never more
      const voted = ballot?.proposedAdvance ?? 0;
      if (advanceAmount > voted) {
        throw new AppError(
          ErrorCode.BEYOND_MOTION,
          `The advance (${advanceAmount} €) is above the ${voted} € of the motion that the committee adopted`,
          { motionAdvance: voted },
        );
      }
      if (ballot?.proposedMandatary && mandataryId !== ballot.proposedMandatary.id) {
        throw new AppError(
          ErrorCode.BEYOND_MOTION,
          'The motion that the committee adopted named another mandatary: put the change to a new vote',
          { motionMandataryId: ballot.proposedMandatary.id },
        );
      }
    }

    const pledges = await tem.find(Pledge, { project, withdrawn: false }, { populate: ['organisation'] });
    const attendance = await tem.find(Attendance, { meeting });
    const trace = decisionTrace({
      meetingId: meeting.id,
      quorum: await meetingQuorum(tem, meeting),
      attendance: attendance.map((a) => ({
        personId: a.person.id,
        mode: a.mode,
        proxyHolderId: a.proxyHolder?.id ?? null,
      })),
      ballot,
      pledges: pledges.map((p) => ({
        organisation: p.organisation.getEntity().name,
        domain: p.domain,
        profile: p.profile,
        days: p.days,
        expertName: p.expertName ?? null,
      })),
      paperVersionId: item.paperVersion?.id ?? null,
    });
    const decision = tem.create(Decision, {
      project,
      agendaItem: item,
      ballot,
      outcome: input.outcome,
      advanceAmount,
      mandatary,
      reasons,
      trace,
      recordedBy: viewer.person.id,
    });
    project.status = NEXT_STATUS[input.outcome];
    project.decidedAt = input.outcome === DecisionOutcome.DEFERRED ? project.decidedAt : decision.decidedAt;
    if (mandatary) project.mandatary = ref(mandatary);
    if (advanceAmount > 0) tem.create(Advance, { project, decision, amount: advanceAmount });
    if (input.outcome === DecisionOutcome.APPROVED) await generateConvention(tem, decision);
    if (item.timerStartedAt) {
      item.elapsedSeconds += Math.floor((Date.now() - item.timerStartedAt.getTime()) / 1000);
      item.timerStartedAt = null;
    }
    // the item stays current, so that every screen shows the decision until the chair moves on
    item.status = AgendaItemStatus.DONE;
    await live.note({ meetingId: meeting.id, kind: 'DECISION', subjectId: decision.id });
    return decision;
  });
}
