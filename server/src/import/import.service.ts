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
import {
  FREQUENCY_LABELS,
  OUTCOME_LABELS,
  PROJECT_KIND_LABELS,
  codeOf,
  comparable,
  type Label,
} from '../export/labels.js';

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

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * The header of each column in the template, in both languages; the same words as the exports where a column is
 * also exported ("Entreprise", "Emplois prévus"…). A file may name its columns by code or by either header.
 */
export const IMPORT_HEADERS: Record<ImportColumn, Label> = {
  siren: { fr: 'SIREN', en: 'SIREN' },
  sme_name: { fr: 'Entreprise', en: 'SME' },
  sector: { fr: 'Secteur', en: 'Sector' },
  headcount: { fr: 'Effectif', en: 'Headcount' },
  town: { fr: 'Commune', en: 'Town' },
  project_title: { fr: 'Projet', en: 'Project' },
  kind: { fr: 'Nature', en: 'Kind' },
  prescriber_organisation: { fr: 'Prescripteur', en: 'Prescriber' },
  jobs_planned: { fr: 'Emplois prévus', en: 'Jobs planned' },
  jobs_created: { fr: 'Embauches réalisées', en: 'Hires made' },
  jobs_preserved: { fr: 'Emplois préservés', en: 'Jobs preserved' },
  outcome: { fr: 'Décision', en: 'Outcome' },
  decided_on: { fr: 'Date de décision', en: 'Decided on' },
  mandatary_email: { fr: 'E-mail du mandataire', en: 'Mandatary email' },
  advance_amount: { fr: 'Avance accordée (€)', en: 'Advance granted (€)' },
  disbursed_on: { fr: 'Versée le', en: 'Disbursed on' },
  deferral_months: { fr: 'Différé (mois)', en: 'Deferral (months)' },
  duration_months: { fr: 'Durée (mois)', en: 'Duration (months)' },
  frequency: { fr: 'Périodicité', en: 'Frequency' },
  repaid_amount: { fr: 'Remboursé (€)', en: 'Repaid (€)' },
  repaid_on: { fr: 'Remboursé le', en: 'Repaid on' },
};

/** The column a header names (its code, or its French or English header), else the header as it is. */
function columnOf(header: string): string {
  const wanted = comparable(header);
  const column = IMPORT_COLUMNS.find(
    (c) =>
      comparable(c) === wanted ||
      comparable(IMPORT_HEADERS[c].fr) === wanted ||
      comparable(IMPORT_HEADERS[c].en) === wanted,
  );
  return column ?? header;
}

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
  // headers by code or by their French or English header: the rest of the checks read codes
  rows = rows.map((row) => Object.fromEntries(Object.entries(row).map(([header, value]) => [columnOf(header), value])));
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
    const namedKind = codeOf(PROJECT_KIND_LABELS, row.kind ?? '');
    if (namedKind === undefined) fail('kind', `one of ${Object.values(ProjectKind).join(', ')}`);
    const kind = namedKind ?? ProjectKind.DEVELOPMENT;
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
    const namedOutcome = codeOf(OUTCOME_LABELS, row.outcome ?? '');
    const outcome = namedOutcome === undefined ? (row.outcome ?? '') : (namedOutcome ?? '');
    if (outcome) {
      if (namedOutcome === undefined) fail('outcome', `one of ${Object.values(DecisionOutcome).join(', ')}`);
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
      const namedFrequency = codeOf(FREQUENCY_LABELS, row.frequency ?? '');
      if (namedFrequency === undefined) fail('frequency', 'MONTHLY or QUARTERLY');
      const frequency = namedFrequency ?? RepaymentFrequency.MONTHLY;
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
