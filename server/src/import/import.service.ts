import type { EntityManager } from '@mikro-orm/core';
import { AppError, ErrorCode, badInput } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Membership, COMMITTEE_ROLES } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { isValidSiren, normaliseSiren } from '../sme/siren.js';
import { Project, ProjectKind, ProjectStatus } from '../project/project.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import {
  Advance,
  AdvanceStatus,
  Repayment,
  RepaymentFrequency,
  RepaymentInstalment,
} from '../advance/advance.entity.js';
import { allocatePayment, repaymentSchedule } from '../advance/schedule.js';
import { readRows } from './spreadsheet.js';

/** The columns of an import file, one row per project; the template gives them in this order. */
export const IMPORT_COLUMNS = [
  'siren',
  'sme_name',
  'sector',
  'headcount',
  'town',
  'project_title',
  'kind',
  'prescriber_organisation',
  'jobs_planned',
  'jobs_created',
  'jobs_preserved',
  'outcome',
  'decided_on',
  'mandatary_email',
  'advance_amount',
  'disbursed_on',
  'deferral_months',
  'duration_months',
  'frequency',
  'repaid_amount',
  'repaid_on',
] as const;

export interface RowError {
  /** Line in the file (the header is line 1). */
  line: number;
  column: string;
  message: string;
}

export interface ImportReport {
  rows: number;
  errors: RowError[];
  imported: boolean;
  projects: number;
  advances: number;
}

interface Planned {
  line: number;
  sme: { siren: string; name: string; sector: string; headcount: number; town: string };
  project: { title: string; kind: ProjectKind; jobsPlanned: number; jobsCreated: number; jobsPreserved: number };
  prescriber: { organisation: Organisation; person: Person };
  decision: { outcome: DecisionOutcome; decidedAt: Date; mandatary: Person | null } | null;
  advance: {
    amount: number;
    disbursedOn: string | null;
    deferralMonths: number;
    durationMonths: number;
    frequency: RepaymentFrequency;
    repaid: number;
    repaidOn: string | null;
  } | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a spreadsheet, checks every row, and — unless `dryRun` — imports all of it in one transaction. Any wrong row
 * means nothing is imported: the preview lists every problem, the real import is refused with IMPORT_REJECTED.
 */
export async function importBasin(
  em: EntityManager,
  basinId: string,
  fileName: string,
  content: Buffer,
  dryRun: boolean,
): Promise<ImportReport> {
  let rows: Record<string, string>[];
  try {
    rows = await readRows(fileName, content);
  } catch {
    throw badInput('This file cannot be read as CSV or XLSX', { file: 'unreadable' });
  }
  if (rows.length === 0) throw badInput('The file has no rows', { file: 'empty' });
  const basin = await em.findOneOrFail(Basin, basinId);
  const errors: RowError[] = [];
  const planned: Planned[] = [];
  const organisations = await em.find(Organisation, { basin });
  const memberships = await em.find(
    Membership,
    { basin, role: { $in: [...COMMITTEE_ROLES] } },
    { populate: ['person'] },
  );
  const known = new Set((await em.find(Sme, { basin })).map((s) => s.siren));
  const seen = new Set<string>();

  rows.forEach((row, index) => {
    const line = index + 2;
    const fail = (column: string, message: string) => errors.push({ line, column, message });
    const int = (column: string, optional = true): number => {
      const raw = row[column] ?? '';
      if (raw === '') {
        if (!optional) fail(column, 'required');
        return 0;
      }
      const value = Number(raw.replace(/\s/g, '').replace(',', '.'));
      if (!Number.isInteger(value) || value < 0) fail(column, 'must be a whole number, 0 or more');
      return Number.isInteger(value) ? value : 0;
    };
    const date = (column: string, required: boolean): string | null => {
      const raw = row[column] ?? '';
      if (!raw) {
        if (required) fail(column, 'required');
        return null;
      }
      if (!DATE.test(raw) || Number.isNaN(Date.parse(raw))) fail(column, 'must be a date YYYY-MM-DD');
      return raw;
    };
    const unknownColumns = Object.keys(row).filter((k) => !(IMPORT_COLUMNS as readonly string[]).includes(k));
    for (const column of unknownColumns) fail(column, 'unknown column');

    const siren = normaliseSiren(row.siren ?? '');
    if (!isValidSiren(siren)) fail('siren', 'not a valid SIREN');
    else if (known.has(siren)) fail('siren', 'already in the basin');
    else if (seen.has(siren)) fail('siren', 'twice in the file');
    seen.add(siren);
    if (!row.sme_name) fail('sme_name', 'required');
    if (!row.project_title) fail('project_title', 'required');
    const kind = (row.kind || ProjectKind.DEVELOPMENT).toUpperCase() as ProjectKind;
    if (!Object.values(ProjectKind).includes(kind)) fail('kind', `one of ${Object.values(ProjectKind).join(', ')}`);
    const organisation = organisations.find(
      (o) => o.name.toLowerCase() === (row.prescriber_organisation ?? '').toLowerCase(),
    );
    const prescriber = organisation && memberships.find((m) => m.organisation?.id === organisation.id);
    if (!organisation) fail('prescriber_organisation', 'no such organisation in the basin');
    else if (!prescriber) fail('prescriber_organisation', 'this organisation has no committee member');
    const jobs = {
      jobsPlanned: int('jobs_planned'),
      jobsCreated: int('jobs_created'),
      jobsPreserved: int('jobs_preserved'),
    };

    let decision: Planned['decision'] = null;
    const outcome = (row.outcome ?? '').toUpperCase();
    if (outcome) {
      if (!Object.values(DecisionOutcome).includes(outcome as DecisionOutcome))
        fail('outcome', `one of ${Object.values(DecisionOutcome).join(', ')}`);
      const decidedOn = date('decided_on', true);
      let mandatary: Person | null = null;
      if (outcome === DecisionOutcome.APPROVED) {
        const seat = memberships.find((m) => m.person.getEntity().email === (row.mandatary_email ?? '').toLowerCase());
        if (!seat) fail('mandatary_email', 'an approved project needs a mandatary from the committee');
        else mandatary = seat.person.getEntity();
      }
      if (decidedOn)
        decision = { outcome: outcome as DecisionOutcome, decidedAt: new Date(`${decidedOn}T12:00:00Z`), mandatary };
    }

    let advance: Planned['advance'] = null;
    const amount = int('advance_amount');
    if (amount > 0) {
      if (outcome !== DecisionOutcome.APPROVED) fail('advance_amount', 'only an approved project has an advance');
      if (amount > basin.advanceCap) fail('advance_amount', `above the basin's cap (${basin.advanceCap} €)`);
      const disbursedOn = date('disbursed_on', false);
      const frequency = (row.frequency || RepaymentFrequency.MONTHLY).toUpperCase() as RepaymentFrequency;
      if (!Object.values(RepaymentFrequency).includes(frequency)) fail('frequency', 'MONTHLY or QUARTERLY');
      const durationMonths = int('duration_months') || 36;
      const repaid = int('repaid_amount');
      const repaidOn = date('repaid_on', repaid > 0);
      if (repaid > amount) fail('repaid_amount', 'more than the advance');
      if (repaid > 0 && !disbursedOn) fail('disbursed_on', 'repaid but never disbursed?');
      advance = {
        amount,
        disbursedOn,
        deferralMonths: int('deferral_months'),
        durationMonths,
        frequency,
        repaid,
        repaidOn,
      };
    } else if (row.repaid_amount && int('repaid_amount') > 0) {
      fail('repaid_amount', 'no advance to repay');
    }
    if (organisation && prescriber && row.sme_name && row.project_title) {
      planned.push({
        line,
        sme: {
          siren,
          name: row.sme_name,
          sector: row.sector || '—',
          headcount: int('headcount'),
          town: row.town || '—',
        },
        project: { title: row.project_title, kind, ...jobs },
        prescriber: { organisation, person: prescriber.person.getEntity() },
        decision,
        advance,
      });
    }
  });

  const report: ImportReport = { rows: rows.length, errors, imported: false, projects: 0, advances: 0 };
  if (errors.length > 0 && !dryRun) {
    throw new AppError(ErrorCode.IMPORT_REJECTED, `Nothing was imported: ${errors.length} problem(s) in the file`, {
      rows: errors,
    });
  }
  if (errors.length > 0 || dryRun)
    return { ...report, projects: planned.length, advances: planned.filter((p) => p.advance).length };

  await em.transactional(async (tem) => {
    for (const plan of planned) writePlanned(tem, basin, plan);
  });
  return { ...report, imported: true, projects: planned.length, advances: planned.filter((p) => p.advance).length };
}

const STATUS_AFTER: Record<DecisionOutcome, ProjectStatus> = {
  [DecisionOutcome.APPROVED]: ProjectStatus.FOLLOW_UP,
  [DecisionOutcome.REJECTED]: ProjectStatus.REJECTED,
  [DecisionOutcome.DEFERRED]: ProjectStatus.DEFERRED,
};

function writePlanned(tem: EntityManager, basin: Basin, plan: Planned): void {
  const sme = tem.create(Sme, { basin, ...plan.sme });
  const project = tem.create(Project, {
    basin,
    sme,
    ...plan.project,
    prescriber: plan.prescriber.person,
    prescriberOrganisation: plan.prescriber.organisation,
    status: plan.decision ? STATUS_AFTER[plan.decision.outcome] : ProjectStatus.PRESCRIBED,
    decidedAt: plan.decision && plan.decision.outcome !== DecisionOutcome.DEFERRED ? plan.decision.decidedAt : null,
    mandatary: plan.decision?.mandatary ?? null,
    advanceRequested: plan.advance?.amount ?? 0,
  });
  if (!plan.decision) return;
  const decision = tem.create(Decision, {
    project,
    outcome: plan.decision.outcome,
    decidedAt: plan.decision.decidedAt,
    advanceAmount: plan.advance?.amount ?? 0,
    mandatary: plan.decision.mandatary,
    reasons: 'Importé',
    trace: { imported: true, line: plan.line },
    recordedBy: plan.prescriber.person,
  });
  if (!plan.advance) return;
  const terms = plan.advance;
  const advance = tem.create(Advance, {
    project,
    decision,
    amount: terms.amount,
    deferralMonths: terms.deferralMonths,
    durationMonths: terms.durationMonths,
    frequency: terms.frequency,
    disbursedOn: terms.disbursedOn,
    status: terms.disbursedOn ? AdvanceStatus.DISBURSED : AdvanceStatus.GRANTED,
  });
  if (!terms.disbursedOn) return;
  const instalments = repaymentSchedule({ ...terms, startsOn: terms.disbursedOn }).map((p) => ({
    ...p,
    paidAmount: 0,
    paidOn: null as string | null,
  }));
  if (terms.repaid > 0 && terms.repaidOn) {
    allocatePayment(instalments, terms.repaid, terms.repaidOn);
    tem.create(Repayment, {
      advance,
      amount: terms.repaid,
      paidOn: terms.repaidOn,
      recordedBy: plan.prescriber.person,
    });
  }
  for (const instalment of instalments) tem.create(RepaymentInstalment, { advance, ...instalment });
  if (terms.repaid === terms.amount) advance.status = AdvanceStatus.REPAID;
}
