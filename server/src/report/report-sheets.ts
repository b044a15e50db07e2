import type { ResourceSource } from '../contribution/sources.js';
import { frenchDate } from '../minutes/french.js';
import type { AnnualReport } from './annual-report.service.js';

/**
 * The annual report laid out once, as tables, for both documents: the PDF prints them in French with the official
 * typography, the workbook puts each on a sheet (French or English) with the numbers as numbers. One layout, so the
 * two files always carry the same figures.
 */

export type Lang = 'fr' | 'en';
export interface Words {
  fr: string;
  en: string;
}
/** How a figure reads: a count, euros, staff days, a percentage, a decimal, an ISO day, or words. */
export type Kind = 'count' | 'euros' | 'days' | 'percent' | 'decimal' | 'day' | 'text';
export type Cell = number | string | Words | null;

export interface SheetColumn {
  key: string;
  title: Words;
  /** `row`: the row says (a list of indicators of different kinds). */
  kind: Kind | 'row';
  /** Share of the PDF's text width. */
  width: number;
}

export interface SheetRow {
  cells: Record<string, Cell>;
  /** The kind of the `row` column's value. */
  kind?: Kind;
  /** A total: bold in the PDF and the workbook. */
  total?: boolean;
}

export interface Sheet {
  /** The section's heading in the PDF, the sheet's name in the workbook (at most 31 characters). */
  title: Words;
  /** A sentence under the heading, saying what the figures count. */
  note?: Words;
  columns: SheetColumn[];
  rows: SheetRow[];
}

const w = (fr: string, en: string): Words => ({ fr, en });

export const SOURCE_LABEL: Record<ResourceSource, Words> = {
  COMPANIES: w('Entreprises', 'Companies'),
  TERRITORIAL_ACTORS: w('Acteurs du territoire', 'Territorial actors'),
  COLLECTIVITIES: w('Collectivités', 'Local authorities'),
  STATE_AND_CDC: w('État et Caisse des dépôts', 'State and Caisse des dépôts'),
};

const INDICATOR = { key: 'indicator', title: w('Indicateur', 'Indicator'), kind: 'text', width: 0.7 } as const;
const VALUE = { key: 'value', title: w('Valeur', 'Value'), kind: 'row', width: 0.3 } as const;
const figure = (fr: string, en: string, value: number, kind: Kind = 'count'): SheetRow => ({
  cells: { indicator: w(fr, en), value },
  kind,
});

/** The report's sections, in reading order. */
export function reportSheets(report: AnnualReport): Sheet[] {
  const { year, dashboard: d, activity, advancesInYear: y, budget } = report;
  const fundLines = report.advancesFund;
  const costs = report.runningCosts;
  return [
    {
      title: w(`Activité ${year}`, `Activity ${year}`),
      note: w(
        `Décisions du comité prises du 1er janvier au 31 décembre ${year}.`,
        `Committee decisions taken from 1 January to 31 December ${year}.`,
      ),
      columns: [INDICATOR, VALUE],
      rows: [
        figure('Projets examinés', 'Projects examined', activity.examined),
        figure('Projets agréés', 'Projects approved', activity.approved),
        figure('Emplois prévus par les projets agréés', 'Jobs planned by the approved projects', activity.jobsPlanned),
        figure('Avances versées', 'Advances disbursed', y.disbursedCount),
        figure('Montant des avances versées', 'Amount of the advances disbursed', y.disbursed, 'euros'),
        figure('Remboursements reçus', 'Repayments received', y.repaymentsCount),
        figure('Montant des remboursements', 'Amount repaid', y.repaid, 'euros'),
        figure('Avances passées en perte', 'Advances written off', y.lossesCount),
        figure('Pertes', 'Losses', y.losses, 'euros'),
        figure('Apports au fonds d’avances', 'Paid into the advances fund', y.endowed, 'euros'),
      ],
    },
    {
      title: w('Emplois et compétences', 'Jobs and competences'),
      note: w(
        `Projets agréés, en suivi ou clos, situation du ${frenchDate(report.drawnUpOn)} : les chiffres du tableau de bord.`,
        `Projects approved, in follow-up or closed, on ${report.drawnUpOn}: the dashboard's figures.`,
      ),
      columns: [INDICATOR, VALUE],
      rows: [
        figure('PME accompagnées', 'SMEs supported', d.smesSupported),
        figure('Emplois prévus', 'Jobs planned', d.jobsPlanned),
        figure('Embauches réalisées (emplois créés)', 'Hires made (jobs created)', d.jobsCreated),
        figure('Emplois préservés', 'Jobs preserved', d.jobsPreserved),
        figure('Objectif d’emplois sur trois ans', 'Three-year jobs target', d.jobsTarget),
        figure('Emplois par PME accompagnée', 'Jobs per SME supported', d.jobsPerSme, 'decimal'),
        figure('Jours de compétences engagés', 'Competence days pledged', d.daysPledged, 'days'),
        figure('Jours de compétences réalisés', 'Competence days delivered', d.daysDelivered, 'days'),
        figure('Valorisation des jours réalisés', 'Value of the days delivered', d.daysDeliveredValue, 'euros'),
      ],
    },
    {
      title: w('Années de la convention', 'Convention years'),
      note: d.convention
        ? w(`${d.convention.label}.`, `${d.convention.label}.`)
        : w('Aucune convention triennale enregistrée.', 'No triennial convention recorded.'),
      columns: [
        { key: 'year', title: w('Année', 'Year'), kind: 'count', width: 0.1 },
        { key: 'from', title: w('Du', 'From'), kind: 'day', width: 0.15 },
        { key: 'examined', title: w('Examinés', 'Examined'), kind: 'count', width: 0.125 },
        { key: 'targetExamined', title: w('Objectif', 'Target'), kind: 'count', width: 0.125 },
        { key: 'approved', title: w('Agréés', 'Approved'), kind: 'count', width: 0.125 },
        { key: 'targetApproved', title: w('Objectif', 'Target'), kind: 'count', width: 0.125 },
        { key: 'jobsPlanned', title: w('Emplois prévus', 'Jobs planned'), kind: 'count', width: 0.125 },
        { key: 'targetJobs', title: w('Objectif', 'Target'), kind: 'count', width: 0.125 },
      ],
      rows: d.years.map((row) => ({
        cells: {
          year: row.index,
          from: row.startsOn,
          examined: row.examined,
          targetExamined: row.targetExamined,
          approved: row.approved,
          targetApproved: row.targetApproved,
          jobsPlanned: row.jobsPlanned,
          targetJobs: row.targetJobs,
        },
      })),
    },
    {
      title: w('Compétences par entreprise', 'Competences by company'),
      columns: [
        { key: 'company', title: w('Entreprise', 'Company'), kind: 'text', width: 0.4 },
        { key: 'pledged', title: w('Jours engagés', 'Days pledged'), kind: 'days', width: 0.2 },
        { key: 'delivered', title: w('Jours réalisés', 'Days delivered'), kind: 'days', width: 0.2 },
        { key: 'value', title: w('Valorisation', 'Value'), kind: 'euros', width: 0.2 },
      ],
      rows: [
        ...d.competences.map((c) => ({
          cells: {
            company: c.organisation.name,
            pledged: c.pledgedDays,
            delivered: c.deliveredDays,
            value: c.deliveredValue,
          },
        })),
        {
          cells: {
            company: w('Total', 'Total'),
            pledged: d.daysPledged,
            delivered: d.daysDelivered,
            value: d.daysDeliveredValue,
          },
          total: true,
        },
      ],
    },
    {
      title: w('Fonds d’avances', 'Advances fund'),
      note: w('Depuis l’origine du fonds.', 'Since the fund began.'),
      columns: [INDICATOR, VALUE],
      rows: [
        figure('Avances accordées', 'Advances granted', d.advances.advancesCount),
        figure('Montant accordé', 'Amount granted', d.advances.granted, 'euros'),
        figure('Avances versées', 'Advances disbursed', d.advances.disbursedCount),
        figure('Montant prêté', 'Amount lent', d.advances.lent, 'euros'),
        figure('Avances remboursées', 'Advances repaid', d.advances.repaidCount),
        figure('Remboursé', 'Repaid', d.advances.repaid, 'euros'),
        figure('Encours', 'Outstanding', d.advances.outstanding, 'euros'),
        figure('Avances en défaut', 'Advances in default', d.advances.defaultedCount),
        figure('Pertes', 'Losses', d.advances.losses, 'euros'),
        figure('Taux de sinistre', 'Loss rate', d.advances.lossRate, 'percent'),
        figure('Taux de sinistre de référence', 'Reference loss rate', d.advances.referenceLossRate, 'percent'),
        figure('Dotation du fonds', 'Fund endowment', fundLines.endowed, 'euros'),
        figure('Disponible', 'Available', fundLines.balance, 'euros'),
        figure('Taille critique', 'Critical size', d.advances.criticalSize, 'euros'),
      ],
    },
    {
      title: w('Frais de fonctionnement', 'Running costs'),
      columns: [INDICATOR, VALUE],
      rows: [
        figure('Versé au compte', 'Paid into the account', costs.credited, 'euros'),
        figure('Dépensé depuis l’origine', 'Spent since the account began', costs.spent, 'euros'),
        figure('Solde', 'Balance', costs.balance, 'euros'),
        figure(`Dépensé en ${year}`, `Spent in ${year}`, costs.spentThisYear, 'euros'),
        figure('Plafond annuel', 'Yearly cap', costs.cap, 'euros'),
        figure(`Reste en ${year}`, `Left in ${year}`, costs.leftThisYear, 'euros'),
      ],
    },
    {
      title: w('Ressources par origine', 'Resources by source'),
      note: w(
        'Toutes années : apports financiers et en nature, temps de personnel valorisé, comme au tableau de bord.',
        'All years: cash and in-kind contributions, valued staff time, as on the dashboard.',
      ),
      columns: [
        { key: 'source', title: w('Origine', 'Source'), kind: 'text', width: 0.28 },
        { key: 'cash', title: w('Apports financiers', 'Cash'), kind: 'euros', width: 0.13 },
        { key: 'inKind', title: w('En nature', 'In kind'), kind: 'euros', width: 0.12 },
        { key: 'staffTime', title: w('Temps valorisé', 'Staff time'), kind: 'euros', width: 0.13 },
        { key: 'total', title: w('Total', 'Total'), kind: 'euros', width: 0.12 },
        { key: 'share', title: w('Part', 'Share'), kind: 'percent', width: 0.11 },
        { key: 'targetShare', title: w('Part visée', 'Target share'), kind: 'percent', width: 0.11 },
      ],
      rows: d.resources.map((r) => ({
        cells: {
          source: SOURCE_LABEL[r.source],
          cash: r.cash,
          inKind: r.inKind,
          staffTime: r.staffTime,
          total: r.total,
          share: r.share,
          targetShare: r.targetShare,
        },
      })),
    },
    {
      title: w(`Budget et réalisé ${year}`, `Budget vs actual ${year}`),
      note: w(
        `Un tiers du budget de la convention, par origine, contre les apports de ${year}.`,
        `A third of the convention's budget, by source, against the contributions of ${year}.`,
      ),
      columns: [
        { key: 'source', title: w('Origine', 'Source'), kind: 'text', width: 0.28 },
        { key: 'budget', title: w('Budget', 'Budget'), kind: 'euros', width: 0.13 },
        { key: 'cash', title: w('Apports financiers', 'Cash'), kind: 'euros', width: 0.13 },
        { key: 'inKind', title: w('En nature', 'In kind'), kind: 'euros', width: 0.12 },
        { key: 'actual', title: w('Réalisé', 'Actual'), kind: 'euros', width: 0.12 },
        { key: 'gap', title: w('Écart', 'Gap'), kind: 'euros', width: 0.11 },
        { key: 'achieved', title: w('Atteint', 'Achieved'), kind: 'percent', width: 0.11 },
      ],
      rows: [
        ...budget.sources.map((s) => ({
          cells: {
            source: SOURCE_LABEL[s.source],
            budget: s.budget,
            cash: s.cash,
            inKind: s.inKind,
            actual: s.actual,
            gap: s.gap,
            achieved: s.achieved,
          },
        })),
        {
          cells: {
            source: w('Total', 'Total'),
            budget: budget.budget,
            cash: budget.sources.reduce((t, s) => t + s.cash, 0),
            inKind: budget.sources.reduce((t, s) => t + s.inKind, 0),
            actual: budget.actual,
            gap: budget.actual - budget.budget,
            achieved: null,
          },
          total: true,
        },
      ],
    },
    {
      title: w('Relevés des financeurs', 'Funders’ statements'),
      note: w(
        `Apports de chaque financeur en ${year}, et depuis son premier apport.`,
        `Each funder's contributions in ${year}, and since its first.`,
      ),
      columns: [
        { key: 'funder', title: w('Financeur', 'Funder'), kind: 'text', width: 0.36 },
        { key: 'cash', title: w(`Financier ${year}`, `Cash ${year}`), kind: 'euros', width: 0.16 },
        { key: 'inKind', title: w(`En nature ${year}`, `In kind ${year}`), kind: 'euros', width: 0.16 },
        { key: 'total', title: w(`Total ${year}`, `Total ${year}`), kind: 'euros', width: 0.16 },
        { key: 'allYears', title: w('Toutes années', 'All years'), kind: 'euros', width: 0.16 },
      ],
      rows: [
        ...report.funders.map((f) => ({
          cells: { funder: f.organisation.name, cash: f.cash, inKind: f.inKind, total: f.total, allYears: f.allYears },
        })),
        {
          cells: {
            funder: w('Total', 'Total'),
            cash: report.funders.reduce((t, f) => t + f.cash, 0),
            inKind: report.funders.reduce((t, f) => t + f.inKind, 0),
            total: report.funders.reduce((t, f) => t + f.total, 0),
            allYears: report.funders.reduce((t, f) => t + f.allYears, 0),
          },
          total: true,
        },
      ],
    },
  ];
}

/** The words of a cell in a language. */
export const inLang = (cell: Cell, lang: Lang): number | string | null =>
  cell !== null && typeof cell === 'object' ? cell[lang] : cell;
