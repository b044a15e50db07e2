import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { AgendaItem, AgendaItemKind } from '../meeting/agenda-item.entity.js';
import { addMonths } from '../advance/schedule.js';
import { FollowUpReport } from './follow-up-report.entity.js';

/** One report's days for one pledge: more than a year of working days is a typing error, not a delivery. */
const MAX_DAYS_PER_REPORT = 250;

/** Days before a report's due date when the mandatary is reminded. */
export const REMINDER_DAYS = 15;

export type SlotState = 'SUBMITTED' | 'UPCOMING' | 'DUE_SOON' | 'OVERDUE';

export interface FollowUpSlot {
  monthsAfterDecision: number;
  dueOn: string;
  state: SlotState;
  report: FollowUpReport | null;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The reports a followed project owes, on the basin's cadence from its decision, and where each stands today. */
export function followUpSlots(
  basin: Basin,
  project: Project,
  reports: FollowUpReport[],
  today: string,
): FollowUpSlot[] {
  if (!project.decidedAt) return [];
  const decided = isoDay(project.decidedAt);
  const soon = isoDay(new Date(Date.parse(today) + REMINDER_DAYS * 86_400_000));
  const closed = project.status === ProjectStatus.CLOSED;
  return [...basin.followUpCadenceMonths]
    .sort((x, y) => x - y)
    .map((months) => {
      const report = reports.find((r) => r.monthsAfterDecision === months && r.submittedAt) ?? null;
      const dueOn = addMonths(decided, months);
      const state: SlotState = report
        ? 'SUBMITTED'
        : dueOn < today
          ? 'OVERDUE'
          : dueOn <= soon
            ? 'DUE_SOON'
            : 'UPCOMING';
      return { monthsAfterDecision: months, dueOn, state, report };
    })
    .filter((slot) => !closed || slot.report);
}

export interface ReportInput {
  monthsAfterDecision: number;
  hiresMade: number;
  jobsPreserved: number;
  revenue?: number | null;
  difficulties: string;
  newInterventionRequest?: string | null;
  deliveredDays: { pledgeId: string; days: number; justification?: string | null }[];
  closing: boolean;
}

/**
 * The mandatary files a report: hires add to the jobs created, jobs preserved are the latest count, days delivered
 * add to each pledge. A request for a new intervention goes on the agenda of the next session being prepared. A
 * closing report ends the follow-up, no earlier than the basin's minimum (18 months by default).
 */
export async function fileReport(em: EntityManager, viewer: Viewer, projectId: string, input: ReportInput) {
  if (![input.hiresMade, input.jobsPreserved].every((n) => Number.isInteger(n) && n >= 0 && n <= 10000)) {
    throw badInput('Jobs are whole numbers, 0 or more', { hiresMade: 'range' });
  }
  return em.transactional(async (tem) => {
    const project = await tem.findOne(Project, projectId);
    if (!project) throw notFound('Project');
    if (project.mandatary?.id !== viewer.person.id) {
      throw new AppError(ErrorCode.NOT_MANDATARY, 'Only the mandatary who follows this project reports on it');
    }
    if (![ProjectStatus.APPROVED, ProjectStatus.FOLLOW_UP].includes(project.status) || !project.decidedAt) {
      throw new AppError(ErrorCode.INVALID_STATE, 'This project is not in follow-up');
    }
    const basin = await tem.findOneOrFail(Basin, project.basin.id);
    if (!basin.followUpCadenceMonths.includes(input.monthsAfterDecision)) {
      throw badInput(`Reports are due at ${basin.followUpCadenceMonths.join(', ')} months`, {
        monthsAfterDecision: 'notInCadence',
      });
    }
    if (
      await tem.count(FollowUpReport, {
        project,
        monthsAfterDecision: input.monthsAfterDecision,
        submittedAt: { $ne: null },
      })
    ) {
      throw new AppError(ErrorCode.INVALID_STATE, 'This report has been filed already');
    }
    const today = isoDay(new Date());
    if (input.closing && addMonths(isoDay(project.decidedAt), basin.minFollowUpMonths) > today) {
      throw new AppError(ErrorCode.INVALID_STATE, `The follow-up lasts at least ${basin.minFollowUpMonths} months`);
    }
    const deliveredDays: Record<string, number> = {};
    const overrunJustifications: Record<string, string> = {};
    const unjustified: string[] = [];
    for (const entry of input.deliveredDays) {
      const pledge = await tem.findOne(Pledge, { id: entry.pledgeId, project, withdrawn: false });
      if (!pledge) throw badInput('A delivery names a pledge of another project', { deliveredDays: 'unknownPledge' });
      if (!(entry.days >= 0 && entry.days <= MAX_DAYS_PER_REPORT && Math.round(entry.days * 2) === entry.days * 2))
        throw badInput(`Days are counted in halves, up to ${MAX_DAYS_PER_REPORT}`, { deliveredDays: 'halfDays' });
      pledge.daysDelivered += entry.days;
      deliveredDays[pledge.id] = (deliveredDays[pledge.id] ?? 0) + entry.days;
      if (pledge.daysDelivered > pledge.days) {
        const justification = entry.justification?.trim();
        if (justification) overrunJustifications[pledge.id] = justification;
        else unjustified.push(pledge.id);
      }
    }
    if (unjustified.length > 0) {
      throw new AppError(ErrorCode.DAYS_ABOVE_PLEDGE, 'Days delivered above the days pledged need a justification', {
        pledgeIds: unjustified,
      });
    }
    let report = await tem.findOne(FollowUpReport, { project, monthsAfterDecision: input.monthsAfterDecision });
    report ??= tem.create(FollowUpReport, {
      project,
      author: viewer.person.id,
      monthsAfterDecision: input.monthsAfterDecision,
      dueOn: addMonths(isoDay(project.decidedAt), input.monthsAfterDecision),
    });
    Object.assign(report, {
      submittedAt: new Date(),
      hiresMade: input.hiresMade,
      jobsPreserved: input.jobsPreserved,
      revenue: input.revenue ?? null,
      difficulties: input.difficulties.trim(),
      newInterventionRequest: input.newInterventionRequest?.trim() || null,
      deliveredDays,
      overrunJustifications,
      closing: input.closing,
    });
    project.jobsCreated += input.hiresMade;
    project.jobsPreserved = input.jobsPreserved;
    project.status = input.closing ? ProjectStatus.CLOSED : ProjectStatus.FOLLOW_UP;
    if (report.newInterventionRequest) {
      const next = await tem.findOne(
        Meeting,
        { basin, status: { $in: [MeetingStatus.PLANNED, MeetingStatus.CONVENED] } },
        { orderBy: { scheduledAt: 'asc' } },
      );
      if (next) {
        const position = await tem.count(AgendaItem, { meeting: next });
        tem.create(AgendaItem, {
          meeting: next,
          position,
          kind: AgendaItemKind.FOLLOW_UP_REVIEW,
          title: `Nouvelle intervention demandée : ${project.title}`,
          project,
          allottedMinutes: 15,
        });
      }
    }
    return report;
  });
}
