import type { EntityManager } from '@mikro-orm/core';
import type { App } from '../app-services.js';
import { liveTransaction } from '../live/live-changes.js';
import type { Viewer } from '../context.js';
import { AppError, ErrorCode, badInput, notFound } from '../errors.js';
import { Role } from '../person/membership.entity.js';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { CompetenceDomain, CompetenceNeed } from '../project/competence-need.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { requireOpen } from '../meeting/live-session.service.js';
import { Pledge } from './pledge.entity.js';

export interface PledgeInput {
  needId?: string | null;
  domain?: CompetenceDomain | null;
  profile?: string | null;
  days: number;
  periodStart?: string | null;
  periodEnd?: string | null;
  expertName?: string | null;
  /** Defaults to the viewer's own partner company; any other is refused. */
  organisationId?: string | null;
}

/** The partner company the viewer represents in this basin, or NOT_OWN_COMPANY. */
function ownCompany(viewer: Viewer, basinId: string, organisationId?: string | null): string {
  const companies = viewer.grants
    .filter((g) => g.basinId === basinId && (g.role === Role.MEMBER || g.role === Role.CHAIR) && g.organisationId)
    .map((g) => g.organisationId as string);
  const chosen = organisationId ?? companies[0];
  if (!chosen || !companies.includes(chosen)) {
    throw new AppError(ErrorCode.NOT_OWN_COMPANY, 'You can only pledge the staff time of your own company');
  }
  return chosen;
}

/** Pledges are made and amended while the item is examined in an open session, until the decision. */
async function pledgeable(tem: EntityManager, itemId: string): Promise<{ item: AgendaItem; meeting: Meeting }> {
  const item = await tem.findOne(AgendaItem, itemId, { populate: ['meeting'] });
  if (!item) throw notFound('Agenda item');
  const meeting = item.meeting.getEntity();
  requireOpen(meeting);
  if (!item.project) throw new AppError(ErrorCode.INVALID_STATE, 'Only a project item takes pledges');
  if (await tem.count(Decision, { agendaItem: item })) {
    throw new AppError(ErrorCode.INVALID_STATE, 'The committee has decided: pledges are closed');
  }
  return { item, meeting };
}

function checkDays(input: PledgeInput): void {
  if (!(input.days > 0 && input.days <= 500)) throw badInput('Days must be between 0.5 and 500', { days: 'range' });
  if (Math.round(input.days * 2) !== input.days * 2) throw badInput('Days are counted in halves', { days: 'halfDays' });
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (input.periodStart && !date.test(input.periodStart)) throw badInput('Bad start date', { periodStart: 'invalid' });
  if (input.periodEnd && !date.test(input.periodEnd)) throw badInput('Bad end date', { periodEnd: 'invalid' });
  if (input.periodStart && input.periodEnd && input.periodEnd < input.periodStart) {
    throw badInput('The period ends before it starts', { periodEnd: 'beforeStart' });
  }
}

export async function makePledge(app: App, em: EntityManager, viewer: Viewer, itemId: string, input: PledgeInput) {
  checkDays(input);
  return liveTransaction(app, em, async (tem, live) => {
    const { item, meeting } = await pledgeable(tem, itemId);
    const organisationId = ownCompany(viewer, meeting.basin.id, input.organisationId);
    const organisation = await tem.findOneOrFail(Organisation, organisationId);
    if (organisation.kind !== OrganisationKind.PARTNER_COMPANY) {
      throw new AppError(ErrorCode.NOT_OWN_COMPANY, 'Only partner companies pledge staff time');
    }
    let need: CompetenceNeed | null = null;
    if (input.needId) {
      need = await tem.findOne(CompetenceNeed, { id: input.needId, project: item.project!.id });
      if (!need) throw notFound('Competence need');
    }
    const domain = input.domain ?? need?.domain;
    const profile = input.profile?.trim() || need?.profile;
    if (!domain || !profile)
      throw badInput('Say which competence is pledged', { domain: 'required', profile: 'required' });
    const pledge = tem.create(Pledge, {
      project: item.project!.id,
      agendaItem: item,
      organisation,
      need,
      domain,
      profile,
      days: input.days,
      periodStart: input.periodStart ?? null,
      periodEnd: input.periodEnd ?? null,
      expertName: input.expertName?.trim() || null,
      pledgedBy: viewer.person.id,
    });
    await live.note({ meetingId: meeting.id, kind: 'PLEDGE', subjectId: pledge.id });
    return pledge;
  });
}

/** Amends (days, period, expert) or withdraws one of the viewer's company's pledges, until the decision. */
export async function amendPledge(
  app: App,
  em: EntityManager,
  viewer: Viewer,
  pledgeId: string,
  change: {
    days?: number | null;
    periodStart?: string | null;
    periodEnd?: string | null;
    expertName?: string | null;
    withdraw?: boolean | null;
  },
) {
  return liveTransaction(app, em, async (tem, live) => {
    const pledge = await tem.findOne(Pledge, pledgeId);
    if (!pledge?.agendaItem) throw notFound('Pledge');
    const { meeting } = await pledgeable(tem, pledge.agendaItem.id);
    ownCompany(viewer, meeting.basin.id, pledge.organisation.id);
    if (change.withdraw) {
      pledge.withdrawn = true;
    } else {
      const next = {
        days: change.days ?? pledge.days,
        periodStart: change.periodStart ?? pledge.periodStart,
        periodEnd: change.periodEnd ?? pledge.periodEnd,
      };
      checkDays(next);
      Object.assign(pledge, next);
      if (change.expertName !== undefined) pledge.expertName = change.expertName?.trim() || null;
    }
    await live.note({ meetingId: meeting.id, kind: 'PLEDGE', subjectId: pledge.id });
    return pledge;
  });
}

export interface NeedCoverage {
  need: CompetenceNeed;
  daysNeeded: number;
  daysPledged: number;
}

export interface CompanyTotal {
  organisation: Organisation;
  days: number;
}

/** Live coverage of each need (days pledged / needed) and totals per company, from the active pledges. */
export function coverageOf(needs: CompetenceNeed[], pledges: Pledge[]) {
  const needsCoverage: NeedCoverage[] = needs.map((need) => ({
    need,
    daysNeeded: need.estimatedDays,
    daysPledged: pledges.filter((p) => p.need?.id === need.id).reduce((sum, p) => sum + p.days, 0),
  }));
  const totals = new Map<string, CompanyTotal>();
  for (const p of pledges) {
    const organisation = p.organisation.getEntity();
    const entry = totals.get(organisation.id) ?? { organisation, days: 0 };
    entry.days += p.days;
    totals.set(organisation.id, entry);
  }
  return {
    needs: needsCoverage,
    companies: [...totals.values()].sort((a, b) => b.days - a.days),
    pledges,
    daysNeeded: needs.reduce((sum, n) => sum + n.estimatedDays, 0),
    daysPledged: pledges.reduce((sum, p) => sum + p.days, 0),
  };
}
