import { ref, type EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import type { Viewer } from '../context.js';
import { requireRole } from '../auth/auth-checker.js';
import { readsBasin } from '../basin/basin.access.js';
import { badInput, notFound } from '../errors.js';
import { Role } from '../person/membership.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { AgendaItem, AgendaItemKind, AgendaItemStatus } from '../meeting/agenda-item.entity.js';
import { liveTransaction, type LiveChanges } from '../live/live-changes.js';
import { DecisionReview, Orientation, ReviewVerdict } from './decision-review.entity.js';

/** Longest comment on a review, and longest orientation (characters). */
export const REVIEW_COMMENT_MAX = 2_000;
export const ORIENTATION_TITLE_MAX = 200;
export const ORIENTATION_TEXT_MAX = 5_000;

/** Where a decision stands with the steering committee, from its members' latest reviews. */
export enum SteeringStatus {
  /** No member has reviewed it yet. */
  PENDING = 'PENDING',
  /** Validated by at least one member, and questioned by none (in their latest review). */
  VALIDATED = 'VALIDATED',
  /** At least one member's latest review questions it. */
  QUESTIONED = 'QUESTIONED',
}

/** Each reviewer's latest review counts: a member who questioned and later validates has validated. */
export function steeringStatus(reviews: readonly DecisionReview[]): SteeringStatus {
  const latest = new Map<string, DecisionReview>();
  for (const review of [...reviews].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()))
    latest.set(review.reviewer.id, review);
  const verdicts = [...latest.values()].map((r) => r.verdict);
  if (verdicts.includes(ReviewVerdict.QUESTIONED)) return SteeringStatus.QUESTIONED;
  return verdicts.length ? SteeringStatus.VALIDATED : SteeringStatus.PENDING;
}

export interface ReviewInput {
  decisionId: string;
  verdict: ReviewVerdict;
  comment?: string | null;
}

/**
 * A steering committee member validates a committee decision after the fact, or questions it. A question goes on
 * the agenda of the basin's next session being prepared (or of the next one created), as an information item that
 * the committee answers in session.
 */
export async function reviewDecision(
  app: App,
  em: EntityManager,
  viewer: Viewer,
  input: ReviewInput,
): Promise<DecisionReview> {
  const comment = (input.comment ?? '').trim();
  if (comment.length > REVIEW_COMMENT_MAX) throw badInput('Comment too long', { comment: 'tooLong' });
  if (input.verdict === ReviewVerdict.QUESTIONED && !comment)
    throw badInput('Say what the committee should answer', { comment: 'required' });
  return liveTransaction(app, em, async (tem, live) => {
    const decision = await tem.findOne(Decision, input.decisionId, { populate: ['project'] });
    if (!decision) throw notFound('Decision');
    const basinId = decision.project.getEntity().basin.id;
    if (!readsBasin(viewer, basinId)) throw notFound('Decision');
    requireRole({ viewer }, basinId, Role.OBSERVER);
    const review = tem.create(DecisionReview, {
      basin: basinId,
      decision,
      reviewer: viewer.person.id,
      verdict: input.verdict,
      comment,
    });
    await tem.flush();
    if (input.verdict === ReviewVerdict.QUESTIONED) {
      const next = await tem.findOne(
        Meeting,
        {
          basin: basinId,
          status: { $in: [MeetingStatus.PLANNED, MeetingStatus.CONVENED] },
          scheduledAt: { $gte: new Date() },
        },
        { orderBy: { scheduledAt: 'asc' } },
      );
      if (next) await placeOpenQuestions(tem, live, next);
    }
    return review;
  });
}

/**
 * Puts the steering committee's open questions on a session's agenda: those on no agenda yet, on the agenda of a
 * cancelled session, or deferred unanswered — unless their author has reviewed the decision again since. Called when
 * a question is asked and when a session is created.
 */
export async function placeOpenQuestions(tem: EntityManager, live: LiveChanges | null, meeting: Meeting) {
  const questions = await tem.find(
    DecisionReview,
    {
      basin: meeting.basin.id,
      verdict: ReviewVerdict.QUESTIONED,
      $or: [
        { agendaItem: null },
        { agendaItem: { meeting: { status: MeetingStatus.CANCELLED } } },
        { agendaItem: { status: AgendaItemStatus.DEFERRED } },
      ],
    },
    { populate: ['decision.project'], orderBy: { createdAt: 'asc' } },
  );
  // a question its author has since answered with a later review (a validation, say) is not asked again
  const open = [];
  for (const question of questions) {
    const later = await tem.count(DecisionReview, {
      decision: question.decision.id,
      reviewer: question.reviewer.id,
      createdAt: { $gt: question.createdAt },
    });
    if (!later) open.push(question);
  }
  if (!open.length) return;
  let position = await tem.count(AgendaItem, { meeting });
  for (const question of open) {
    const project = question.decision.getEntity().project.getEntity();
    const item = tem.create(AgendaItem, {
      meeting,
      position: position++,
      kind: AgendaItemKind.INFORMATION,
      title: `Question du comité de pilotage\u00a0: ${project.title}`.slice(0, 200),
      project: null,
      allottedMinutes: 10,
    });
    question.agendaItem = ref(item);
  }
  await tem.flush();
  await live?.note({ meetingId: meeting.id, kind: 'AGENDA', subjectId: null });
}

export interface OrientationInput {
  basinId: string;
  title: string;
  text: string;
}

/** The steering committee gives the basin an orientation: recorded once, read by everyone of the basin. */
export async function recordOrientation(em: EntityManager, viewer: Viewer, input: OrientationInput) {
  requireRole({ viewer }, input.basinId, Role.OBSERVER);
  const title = input.title.trim();
  const text = input.text.trim();
  const fields: Record<string, string> = {};
  if (!title) fields.title = 'required';
  else if (title.length > ORIENTATION_TITLE_MAX) fields.title = 'tooLong';
  if (!text) fields.text = 'required';
  else if (text.length > ORIENTATION_TEXT_MAX) fields.text = 'tooLong';
  if (Object.keys(fields).length) throw badInput('Check the orientation', fields);
  return em.transactional(async (tem) =>
    tem.create(Orientation, { basin: input.basinId, author: viewer.person.id, title, text }),
  );
}
