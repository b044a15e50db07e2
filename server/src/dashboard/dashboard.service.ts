import type { EntityManager } from '@mikro-orm/core';
import { Basin } from '../basin/basin.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Contribution, ContributionKind } from '../basin/contribution.entity.js';
import { type ResourceSource, SOURCE_OF_KIND, SOURCE_OF_ORIGIN } from '../contribution/sources.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { Advance, AdvanceStatus, Repayment } from '../advance/advance.entity.js';
import { addMonths } from '../advance/schedule.js';
import { advanceFlows, fundFigures, type FundFigures } from '../advance/fund.js';
import { conventionYears, currentConvention } from '../partnership/periods.js';
import { runningCostsAccount, type RunningCostsAccount } from '../treasury/treasury.service.js';

/** Projects the programme supports: approved, in follow-up, or whose follow-up has ended. */
export const SUPPORTED = [ProjectStatus.APPROVED, ProjectStatus.FOLLOW_UP, ProjectStatus.CLOSED];

export interface YearFigures {
  /** 1, 2, 3: the year of the convention. */
  index: number;
  startsOn: string;
  endsOn: string;
  examined: number;
  approved: number;
  jobsPlanned: number;
  targetExamined: number;
  targetApproved: number;
  targetJobs: number;
}

/** What the committee did between two days: the dashboard's years and the annual report count it the same way. */
export interface PeriodActivity {
  /** Projects with at least one decision in the period. */
  examined: number;
  /** Approvals in the period. */
  approved: number;
  /** Jobs planned by the projects approved in the period. */
  jobsPlanned: number;
}

export interface CompanyCompetence {
  organisation: Organisation;
  pledgedDays: number;
  deliveredDays: number;
  /** Delivered days at the basin's daily rate, in euros. */
  deliveredValue: number;
}

export interface ResourceShare {
  source: ResourceSource;
  /** Cash contributions that count (not superseded by a correction). */
  cash: number;
  /** Valued in-kind contributions recorded in the ledger. */
  inKind: number;
  /** Delivered staff days, at the basin's daily rate. */
  staffTime: number;
  total: number;
  /** % of all resources. */
  share: number;
  targetShare: number;
}

export interface BasinDashboard {
  basin: Basin;
  convention: TriennialConvention | null;
  years: YearFigures[];
  smesSupported: number;
  jobsPlanned: number;
  jobsCreated: number;
  jobsPreserved: number;
  jobsTarget: number;
  jobsPerSme: number;
  competences: CompanyCompetence[];
  daysPledged: number;
  daysDelivered: number;
  /** Delivered days at the basin's daily rate, in euros: the sum of the companies' values. */
  daysDeliveredValue: number;
  advances: FundFigures & { disbursedCount: number; repaidCount: number; defaultedCount: number };
  resources: ResourceShare[];
  runningCosts: Omit<RunningCostsAccount, 'movements'>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Each organisation's pledged and delivered staff days, most pledged first, valued at the basin's daily rate. */
export async function companyCompetences(
  em: EntityManager,
  basin: Basin,
  projectIds?: readonly string[],
): Promise<CompanyCompetence[]> {
  const pledges = await em.find(
    Pledge,
    { project: projectIds ? { basin, id: { $in: [...projectIds] } } : { basin }, withdrawn: false },
    { populate: ['organisation'] },
  );
  const byCompany = new Map<string, CompanyCompetence>();
  for (const pledge of pledges) {
    const organisation = pledge.organisation.getEntity();
    const row = byCompany.get(organisation.id) ?? { organisation, pledgedDays: 0, deliveredDays: 0, deliveredValue: 0 };
    row.pledgedDays += pledge.days;
    row.deliveredDays += pledge.daysDelivered;
    row.deliveredValue = Math.round(row.deliveredDays * basin.dailyRate);
    byCompany.set(organisation.id, row);
  }
  return [...byCompany.values()].sort((a, b) => b.pledgedDays - a.pledgedDays);
}

/**
 * Projects examined and approved from `from` (included) to `to` (excluded), ISO days compared with the decisions'
 * UTC day, and the jobs the approved projects plan.
 */
export function activityBetween(decisions: Decision[], projects: Project[], from: string, to: string): PeriodActivity {
  const inPeriod = decisions.filter((d) => isoDay(d.decidedAt) >= from && isoDay(d.decidedAt) < to);
  const approved = inPeriod.filter((d) => d.outcome === DecisionOutcome.APPROVED);
  return {
    examined: new Set(inPeriod.map((d) => d.project.id)).size,
    approved: approved.length,
    jobsPlanned: approved.reduce((sum, d) => sum + (projects.find((p) => p.id === d.project.id)?.jobsPlanned ?? 0), 0),
  };
}

/** {@link activityBetween} for a basin, reading its projects and decisions. */
export async function basinActivity(em: EntityManager, basinId: string, from: string, to: string) {
  const projects = await em.find(Project, { basin: basinId });
  const decisions = await em.find(Decision, { project: { basin: basinId } });
  return activityBetween(decisions, projects, from, to);
}

/**
 * Everything the basin's steering committee reads, against one convention: the one given, or the one in force. Each
 * figure belongs to the convention's period (docs/DECISIONS.md, "Partnership convention"): a project counts in the
 * period of its first approval (of its creation while it has none), with its pledges and advances; a contribution in
 * the period that holds its year. The fund's cash and the running costs account are balances of today.
 */
export async function basinDashboard(
  em: EntityManager,
  basinId: string,
  conventionId?: string | null,
): Promise<BasinDashboard> {
  const basin = await em.findOneOrFail(Basin, basinId);
  const convention = conventionId
    ? await em.findOneOrFail(TriennialConvention, { id: conventionId, basin })
    : await currentConvention(em, basin.id);
  const decisions = await em.find(Decision, { project: { basin } });
  const firstApproval = new Map<string, string>();
  for (const d of decisions) {
    const day = isoDay(d.decidedAt);
    const known = firstApproval.get(d.project.id);
    if (d.outcome === DecisionOutcome.APPROVED && (!known || day < known)) firstApproval.set(d.project.id, day);
  }
  const inPeriod = (day: string) => !convention || (day >= convention.startsOn && day <= convention.endsOn);
  const allProjects = await em.find(Project, { basin });
  const projects = allProjects.filter((p) => inPeriod(firstApproval.get(p.id) ?? isoDay(p.createdAt)));
  const projectIds = projects.map((p) => p.id);
  const supported = projects.filter((p) => SUPPORTED.includes(p.status));
  const years: YearFigures[] = [];
  if (convention) {
    for (let index = 1; index <= 3; index += 1) {
      const startsOn = addMonths(convention.startsOn, 12 * (index - 1));
      const endsOn = addMonths(convention.startsOn, 12 * index);
      years.push({
        index,
        startsOn,
        endsOn: addMonths(endsOn, 0),
        ...activityBetween(decisions, allProjects, startsOn, endsOn),
        targetExamined: convention.targetProjectsExaminedPerYear,
        targetApproved: convention.targetProjectsApprovedPerYear,
        targetJobs: convention.targetJobsPerYear,
      });
    }
  }
  const smesSupported = new Set(supported.map((p) => p.sme.id)).size;
  const jobsPlanned = supported.reduce((sum, p) => sum + p.jobsPlanned, 0);

  const competences = await companyCompetences(em, basin, projectIds);

  const advances = await em.find(Advance, { project: { basin, id: { $in: projectIds } } });
  const repayments = await em.find(Repayment, { advance: { id: { $in: advances.map((a) => a.id) } } });
  const fund = { ...(await fundFigures(em, basin.id)), ...advanceFlows(advances, repayments) };

  const contributions = await em.find(Contribution, {
    basin,
    supersededAt: null,
    ...(convention ? { year: { $in: conventionYears(convention) } } : {}),
  });
  const resources = new Map<ResourceSource, ResourceShare>();
  const targets: Record<ResourceSource, number> = {
    COMPANIES: convention?.shareCompanies ?? 40,
    TERRITORIAL_ACTORS: convention?.shareTerritorialActors ?? 20,
    COLLECTIVITIES: convention?.shareCollectivities ?? 25,
    STATE_AND_CDC: convention?.shareStateAndCdc ?? 15,
  };
  for (const source of Object.keys(targets) as ResourceSource[]) {
    resources.set(source, {
      source,
      cash: 0,
      inKind: 0,
      staffTime: 0,
      total: 0,
      share: 0,
      targetShare: targets[source],
    });
  }
  for (const c of contributions) {
    const row = resources.get(SOURCE_OF_ORIGIN[c.origin])!;
    if (c.kind === ContributionKind.CASH) row.cash += c.amount;
    else row.inKind += c.amount;
  }
  for (const row of competences) resources.get(SOURCE_OF_KIND[row.organisation.kind])!.staffTime += row.deliveredValue;
  const all = [...resources.values()];
  const grand = all.reduce((sum, r) => sum + r.cash + r.inKind + r.staffTime, 0);
  for (const r of all) {
    r.total = r.cash + r.inKind + r.staffTime;
    r.share = grand ? round1((r.total / grand) * 100) : 0;
  }

  return {
    basin,
    convention,
    years,
    smesSupported,
    jobsPlanned,
    jobsCreated: supported.reduce((sum, p) => sum + p.jobsCreated, 0),
    jobsPreserved: supported.reduce((sum, p) => sum + p.jobsPreserved, 0),
    jobsTarget: (convention?.targetJobsPerYear ?? 75) * 3,
    jobsPerSme: smesSupported ? round1(jobsPlanned / smesSupported) : 0,
    competences,
    daysPledged: competences.reduce((sum, c) => sum + c.pledgedDays, 0),
    daysDelivered: competences.reduce((sum, c) => sum + c.deliveredDays, 0),
    daysDeliveredValue: competences.reduce((sum, c) => sum + c.deliveredValue, 0),
    advances: {
      ...fund,
      disbursedCount: advances.filter((a) => a.status !== AdvanceStatus.GRANTED).length,
      repaidCount: advances.filter((a) => a.status === AdvanceStatus.REPAID).length,
      defaultedCount: advances.filter((a) => a.status === AdvanceStatus.DEFAULTED).length,
    },
    resources: all,
    runningCosts: await runningCostsAccount(em, basin.id),
  };
}
