import type { EntityManager } from '@mikro-orm/core';
import { Project } from '../project/project.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { Advance, Repayment } from '../advance/advance.entity.js';
import { basinDashboard } from '../dashboard/dashboard.service.js';
import {
  ADVANCE_STATUS_LABELS,
  OUTCOME_LABELS,
  PROJECT_KIND_LABELS,
  PROJECT_STATUS_LABELS,
  RESOURCE_SOURCE_LABELS,
  type Label,
} from './labels.js';

export type Cell = string | number | null;

/** A table as people download it: French headers by default, English on request. */
export interface Table {
  name: string;
  /** `values`: the column holds codes, written as their label in the reader's language. */
  columns: { key: string; fr: string; en: string; values?: Record<string, Label> }[];
  rows: Record<string, Cell>[];
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

async function projects(em: EntityManager, basinId: string): Promise<Table> {
  const rows = await em.find(
    Project,
    { basin: basinId },
    { populate: ['sme', 'prescriberOrganisation', 'mandatary'], orderBy: { createdAt: 'asc' } },
  );
  return {
    name: 'projects',
    columns: [
      { key: 'siren', fr: 'SIREN', en: 'SIREN' },
      { key: 'sme', fr: 'Entreprise', en: 'SME' },
      { key: 'town', fr: 'Commune', en: 'Town' },
      { key: 'headcount', fr: 'Effectif', en: 'Headcount' },
      { key: 'title', fr: 'Projet', en: 'Project' },
      { key: 'kind', fr: 'Nature', en: 'Kind', values: PROJECT_KIND_LABELS },
      { key: 'status', fr: 'Statut', en: 'Status', values: PROJECT_STATUS_LABELS },
      { key: 'prescriber', fr: 'Prescripteur', en: 'Prescriber' },
      { key: 'jobsPlanned', fr: 'Emplois prévus', en: 'Jobs planned' },
      { key: 'jobsCreated', fr: 'Embauches réalisées', en: 'Hires made' },
      { key: 'jobsPreserved', fr: 'Emplois préservés', en: 'Jobs preserved' },
      { key: 'advanceRequested', fr: 'Avance demandée (€)', en: 'Advance requested (€)' },
      { key: 'decidedOn', fr: 'Date de décision', en: 'Decided on' },
      { key: 'mandatary', fr: 'Mandataire', en: 'Mandatary' },
    ],
    rows: rows.map((p) => {
      const sme = p.sme.getEntity();
      const mandatary = p.mandatary?.getEntity();
      return {
        siren: sme.siren,
        sme: sme.name,
        town: sme.town,
        headcount: sme.headcount,
        title: p.title,
        kind: p.kind,
        status: p.status,
        prescriber: p.prescriberOrganisation.getEntity().name,
        jobsPlanned: p.jobsPlanned,
        jobsCreated: p.jobsCreated,
        jobsPreserved: p.jobsPreserved,
        advanceRequested: p.advanceRequested,
        decidedOn: day(p.decidedAt),
        mandatary: mandatary ? `${mandatary.firstName} ${mandatary.lastName}` : null,
      };
    }),
  };
}

async function decisions(em: EntityManager, basinId: string): Promise<Table> {
  const rows = await em.find(
    Decision,
    { project: { basin: basinId } },
    { populate: ['project.sme', 'mandatary'], orderBy: { decidedAt: 'asc' } },
  );
  return {
    name: 'decisions',
    columns: [
      { key: 'decidedOn', fr: 'Date', en: 'Date' },
      { key: 'sme', fr: 'Entreprise', en: 'SME' },
      { key: 'project', fr: 'Projet', en: 'Project' },
      { key: 'outcome', fr: 'Décision', en: 'Outcome', values: OUTCOME_LABELS },
      { key: 'advance', fr: 'Avance accordée (€)', en: 'Advance granted (€)' },
      { key: 'mandatary', fr: 'Mandataire', en: 'Mandatary' },
      { key: 'reasons', fr: 'Motifs', en: 'Reasons' },
    ],
    rows: rows.map((d) => {
      const project = d.project.getEntity();
      const mandatary = d.mandatary?.getEntity();
      return {
        decidedOn: day(d.decidedAt),
        sme: project.sme.getEntity().name,
        project: project.title,
        outcome: d.outcome,
        advance: d.advanceAmount,
        mandatary: mandatary ? `${mandatary.firstName} ${mandatary.lastName}` : null,
        reasons: d.reasons,
      };
    }),
  };
}

async function advances(em: EntityManager, basinId: string): Promise<Table> {
  const rows = await em.find(
    Advance,
    { project: { basin: basinId } },
    { populate: ['project.sme', 'instalments'], orderBy: { createdAt: 'asc' } },
  );
  return {
    name: 'advances',
    columns: [
      { key: 'sme', fr: 'Entreprise', en: 'SME' },
      { key: 'project', fr: 'Projet', en: 'Project' },
      { key: 'amount', fr: 'Montant (€)', en: 'Amount (€)' },
      { key: 'status', fr: 'Statut', en: 'Status', values: ADVANCE_STATUS_LABELS },
      { key: 'disbursedOn', fr: 'Versée le', en: 'Disbursed on' },
      { key: 'repaid', fr: 'Remboursé (€)', en: 'Repaid (€)' },
      { key: 'loss', fr: 'Perte (€)', en: 'Loss (€)' },
      { key: 'outstanding', fr: 'Restant dû (€)', en: 'Outstanding (€)' },
    ],
    rows: rows.map((a) => {
      const repaid = a.instalments.getItems().reduce((sum, i) => sum + i.paidAmount, 0);
      const project = a.project.getEntity();
      return {
        sme: project.sme.getEntity().name,
        project: project.title,
        amount: a.amount,
        status: a.status,
        disbursedOn: a.disbursedOn ?? null,
        repaid,
        loss: a.lossAmount,
        outstanding: a.status === 'GRANTED' ? 0 : a.amount - repaid - a.lossAmount,
      };
    }),
  };
}

async function repayments(em: EntityManager, basinId: string): Promise<Table> {
  const rows = await em.find(
    Repayment,
    { advance: { project: { basin: basinId } } },
    { populate: ['advance.project.sme'], orderBy: { paidOn: 'asc' } },
  );
  return {
    name: 'repayments',
    columns: [
      { key: 'paidOn', fr: 'Date', en: 'Date' },
      { key: 'sme', fr: 'Entreprise', en: 'SME' },
      { key: 'amount', fr: 'Montant (€)', en: 'Amount (€)' },
    ],
    rows: rows.map((r) => ({
      paidOn: r.paidOn,
      sme: r.advance.getEntity().project.getEntity().sme.getEntity().name,
      amount: r.amount,
    })),
  };
}

async function competences(em: EntityManager, basinId: string): Promise<Table> {
  const dashboard = await basinDashboard(em, basinId);
  return {
    name: 'competences',
    columns: [
      { key: 'company', fr: 'Entreprise partenaire', en: 'Partner company' },
      { key: 'pledged', fr: 'Jours engagés', en: 'Days pledged' },
      { key: 'delivered', fr: 'Jours réalisés', en: 'Days delivered' },
      { key: 'value', fr: 'Valorisation (€)', en: 'Value (€)' },
    ],
    rows: dashboard.competences.map((c) => ({
      company: c.organisation.name,
      pledged: c.pledgedDays,
      delivered: c.deliveredDays,
      value: c.deliveredValue,
    })),
  };
}

async function years(em: EntityManager, basinId: string): Promise<Table> {
  const dashboard = await basinDashboard(em, basinId);
  return {
    name: 'years',
    columns: [
      { key: 'year', fr: 'Année de convention', en: 'Convention year' },
      { key: 'from', fr: 'Du', en: 'From' },
      { key: 'examined', fr: 'Projets examinés', en: 'Projects examined' },
      { key: 'targetExamined', fr: 'Objectif examinés', en: 'Target examined' },
      { key: 'approved', fr: 'Projets agréés', en: 'Projects approved' },
      { key: 'targetApproved', fr: 'Objectif agréés', en: 'Target approved' },
      { key: 'jobsPlanned', fr: 'Emplois prévus', en: 'Jobs planned' },
      { key: 'targetJobs', fr: 'Objectif emplois', en: 'Target jobs' },
    ],
    rows: dashboard.years.map((y) => ({
      year: y.index,
      from: y.startsOn,
      examined: y.examined,
      targetExamined: y.targetExamined,
      approved: y.approved,
      targetApproved: y.targetApproved,
      jobsPlanned: y.jobsPlanned,
      targetJobs: y.targetJobs,
    })),
  };
}

async function resources(em: EntityManager, basinId: string): Promise<Table> {
  const dashboard = await basinDashboard(em, basinId);
  return {
    name: 'resources',
    columns: [
      { key: 'source', fr: 'Source', en: 'Source', values: RESOURCE_SOURCE_LABELS },
      { key: 'cash', fr: 'Apports financiers (€)', en: 'Cash (€)' },
      { key: 'inKind', fr: 'Apports en nature (€)', en: 'In kind (€)' },
      { key: 'staffTime', fr: 'Temps de personnel valorisé (€)', en: 'Valued staff time (€)' },
      { key: 'total', fr: 'Total (€)', en: 'Total (€)' },
      { key: 'share', fr: 'Part (%)', en: 'Share (%)' },
      { key: 'targetShare', fr: 'Part visée (%)', en: 'Target share (%)' },
    ],
    rows: dashboard.resources.map((r) => ({ ...r })),
  };
}

/** Every table a basin can export, by name. */
export const TABLES = { projects, decisions, advances, repayments, competences, years, resources } as const;
export type TableName = keyof typeof TABLES;
