import { AttendanceMode } from '../meeting/attendance.entity.js';
import { CompetenceDomain } from '../project/competence-need.entity.js';
import { AgendaItemKind } from '../meeting/agenda-item.entity.js';
import { DecisionOutcome } from '../decision/decision.entity.js';
import { MajorityRule } from '../basin/basin.entity.js';
import { VoteChoice } from '../ballot/ballot.entity.js';

/**
 * French wording and formats shared by the documents (minutes, conventions) and the messages (convocations,
 * reminders). Amounts use a no-break space (U+00A0), which the PDF standard fonts can draw, rather than the narrow
 * one `toLocaleString('fr-FR')` gives.
 */

export const NBSP = '\u00a0';
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** "jeudi 12 mars 2026": an instant in the basin's time zone, or an ISO day as it is. */
export function frenchDate(value: Date | string, timeZone = 'Europe/Paris'): string {
  const day = typeof value === 'string' && isDay(value);
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: day ? 'UTC' : timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(day ? new Date(`${value}T12:00:00Z`) : new Date(value));
}

/** "12/03/2026". */
export function shortDate(value: Date | string, timeZone = 'Europe/Paris'): string {
  const day = typeof value === 'string' && isDay(value);
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: day ? 'UTC' : timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(day ? new Date(`${value}T12:00:00Z`) : new Date(value));
}

/** "9 h 30" in the basin's time zone. */
export function frenchTime(value: Date | string, timeZone = 'Europe/Paris'): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(value));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hour}${NBSP}h${NBSP}${minute}`;
}

/** The calendar day of an instant in a time zone, `YYYY-MM-DD`. */
export function dayIn(instant: Date, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

function group(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** "15 000 €" (whole euros) or "1 234,50 €". */
export function euros(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const whole = group(Math.floor(cents / 100));
  const rest = cents % 100 ? `,${String(cents % 100).padStart(2, '0')}` : '';
  return `${amount < 0 ? '-' : ''}${whole}${rest}${NBSP}€`;
}

/** "7,5 j". */
export function dayCount(count: number): string {
  return `${String(count).replace('.', ',')}${NBSP}j`;
}

export const fullName = (person: { firstName: string; lastName: string }): string =>
  `${person.firstName} ${person.lastName}`;

export const DOMAIN_LABEL: Record<CompetenceDomain, string> = {
  [CompetenceDomain.QUALITY]: 'Qualité',
  [CompetenceDomain.PRODUCTION]: 'Production',
  [CompetenceDomain.LEAN]: 'Lean, amélioration continue',
  [CompetenceDomain.HR]: 'Ressources humaines',
  [CompetenceDomain.SALES_EXPORT]: 'Commercial, export',
  [CompetenceDomain.FINANCE]: 'Finance',
  [CompetenceDomain.IT]: 'Informatique',
  [CompetenceDomain.MANAGEMENT]: 'Management',
  [CompetenceDomain.OTHER]: 'Autre',
};

export const ITEM_KIND_LABEL: Record<AgendaItemKind, string> = {
  [AgendaItemKind.PROJECT_EXAMINATION]: 'Examen de projet',
  [AgendaItemKind.FOLLOW_UP_REVIEW]: 'Suivi de projet',
  [AgendaItemKind.INFORMATION]: 'Information',
  [AgendaItemKind.MINUTES_APPROVAL]: 'Approbation de procès-verbal',
};

export const ATTENDANCE_LABEL: Record<AttendanceMode, string> = {
  [AttendanceMode.PRESENT]: 'présent(e)',
  [AttendanceMode.REMOTE]: 'à distance',
  [AttendanceMode.EXCUSED]: 'excusé(e)',
  [AttendanceMode.REPRESENTED]: 'représenté(e)',
};

export const OUTCOME_LABEL: Record<DecisionOutcome, string> = {
  [DecisionOutcome.APPROVED]: 'projet approuvé',
  [DecisionOutcome.REJECTED]: 'projet refusé',
  [DecisionOutcome.DEFERRED]: 'projet ajourné',
};

export const RULE_LABEL: Record<MajorityRule, string> = {
  [MajorityRule.SIMPLE]: 'majorité simple',
  [MajorityRule.ABSOLUTE]: 'majorité absolue',
  [MajorityRule.TWO_THIRDS]: 'majorité des deux tiers',
};

export const CHOICE_LABEL: Record<VoteChoice, string> = {
  [VoteChoice.FOR]: 'pour',
  [VoteChoice.AGAINST]: 'contre',
  [VoteChoice.ABSTAIN]: 'abstention',
};

/** "1 vote", "2 votes"… the French plural of a count. */
export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count}${NBSP}${count > 1 ? many : one}`;
