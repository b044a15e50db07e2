import { ProjectKind, ProjectStatus } from '../project/project.entity.js';
import { DecisionOutcome } from '../decision/decision.entity.js';
import { AdvanceStatus, RepaymentFrequency } from '../advance/advance.entity.js';
import type { ResourceSource } from '../contribution/sources.js';

/**
 * The words of the exports and of the import, in both languages: a file is written in the reader's language, and
 * a file written in either language (or with the codes) reads back. The wording is the interface's
 * (client/src/i18n), so a status reads the same on screen and in a spreadsheet.
 */
export type Lang = 'fr' | 'en';
export type Label = Record<Lang, string>;

/** `?lang=en` gives English; anything else, French (the default of the platform). */
export const langOf = (value: unknown): Lang => (value === 'en' ? 'en' : 'fr');

export const PROJECT_KIND_LABELS: Record<ProjectKind, Label> = {
  [ProjectKind.DEVELOPMENT]: { fr: 'Développement', en: 'Development' },
  [ProjectKind.TAKEOVER]: { fr: 'Reprise', en: 'Takeover' },
  [ProjectKind.STRUCTURING]: { fr: 'Projet structurant', en: 'Structuring project' },
  [ProjectKind.CREATION]: { fr: 'Création', en: 'Creation' },
};

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, Label> = {
  [ProjectStatus.PRESCRIBED]: { fr: 'Prescrit', en: 'Prescribed' },
  [ProjectStatus.DIAGNOSIS]: { fr: 'Diagnostic en cours', en: 'Diagnosis in progress' },
  [ProjectStatus.SCHEDULED]: { fr: 'Inscrit en séance', en: 'Scheduled' },
  [ProjectStatus.APPROVED]: { fr: 'Agréé', en: 'Approved' },
  [ProjectStatus.REJECTED]: { fr: 'Refusé', en: 'Rejected' },
  [ProjectStatus.DEFERRED]: { fr: 'Ajourné', en: 'Deferred' },
  [ProjectStatus.FOLLOW_UP]: { fr: 'En suivi', en: 'In follow-up' },
  [ProjectStatus.CLOSED]: { fr: 'Clos', en: 'Closed' },
};

export const OUTCOME_LABELS: Record<DecisionOutcome, Label> = {
  [DecisionOutcome.APPROVED]: { fr: 'Approuvé', en: 'Approved' },
  [DecisionOutcome.REJECTED]: { fr: 'Rejeté', en: 'Rejected' },
  [DecisionOutcome.DEFERRED]: { fr: 'Ajourné', en: 'Deferred' },
};

export const ADVANCE_STATUS_LABELS: Record<AdvanceStatus, Label> = {
  [AdvanceStatus.GRANTED]: { fr: 'Accordée', en: 'Granted' },
  [AdvanceStatus.DISBURSED]: { fr: 'Versée', en: 'Disbursed' },
  [AdvanceStatus.REPAID]: { fr: 'Remboursée', en: 'Repaid' },
  [AdvanceStatus.DEFAULTED]: { fr: 'En défaut', en: 'Defaulted' },
};

export const FREQUENCY_LABELS: Record<RepaymentFrequency, Label> = {
  [RepaymentFrequency.MONTHLY]: { fr: 'Mensuelle', en: 'Monthly' },
  [RepaymentFrequency.QUARTERLY]: { fr: 'Trimestrielle', en: 'Quarterly' },
};

export const RESOURCE_SOURCE_LABELS: Record<ResourceSource, Label> = {
  COMPANIES: { fr: 'Entreprises partenaires', en: 'Partner companies' },
  TERRITORIAL_ACTORS: { fr: 'Acteurs du territoire', en: 'Territorial actors' },
  COLLECTIVITIES: { fr: 'Collectivités', en: 'Local authorities' },
  STATE_AND_CDC: { fr: 'État et Caisse des dépôts', en: 'State and Caisse des dépôts' },
};

/** How a cell or a header is compared: without case, accents, punctuation or spacing ("Projet structurant" = "PROJET_STRUCTURANT"). */
export const comparable = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9€%]+/g, ' ')
    .trim();

/**
 * The code a cell names, by its code or its label in either language; `undefined` when it names none. An empty cell
 * is `null`.
 */
export function codeOf<Code extends string>(labels: Record<Code, Label>, cell: string): Code | null | undefined {
  const wanted = comparable(cell);
  if (!wanted) return null;
  for (const [code, label] of Object.entries(labels) as [Code, Label][]) {
    if (comparable(code) === wanted || comparable(label.fr) === wanted || comparable(label.en) === wanted) return code;
  }
  return undefined;
}

/** "Développement, Reprise, …" — what a column accepts, for an error message in the reader's language. */
export const choices = (labels: Record<string, Label>, lang: Lang): string =>
  Object.values(labels)
    .map((label) => label[lang])
    .join(', ');
