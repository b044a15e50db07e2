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

/** "1er décembre": the first day of a month is an ordinal in French. */
const MONTHS = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
const firstOfMonth = (text: string) =>
  text.replace(
    new RegExp(`(^|\\s)1(\\s)(${MONTHS})`, 'g'),
    (_all, before: string, space: string, month: string) => `${before}1er${space}${month}`,
  );

/** "jeudi 12 mars 2026", "mardi 1er décembre 2026": an instant in the basin's time zone, or an ISO day as it is. */
export function frenchDate(value: Date | string, timeZone = 'Europe/Paris'): string {
  const day = typeof value === 'string' && isDay(value);
  return firstOfMonth(
    new Intl.DateTimeFormat('fr-FR', {
      timeZone: day ? 'UTC' : timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(day ? new Date(`${value}T12:00:00Z`) : new Date(value)),
  );
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

/** "4,5": a decimal number the French way (comma, no-break space between thousands), at most `digits` decimals. */
export function decimal(value: number, digits = 2): string {
  const factor = 10 ** digits;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [whole = '0', fraction] = String(rounded).split('.');
  return `${value < 0 ? '-' : ''}${group(Number(whole))}${fraction ? `,${fraction}` : ''}`;
}

/** "7,5 j". */
export function dayCount(count: number): string {
  return `${decimal(count)}${NBSP}j`;
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

/** A seat's attendance agreed with the person ("présente", "excusé", "à distance"). */
export function attendanceLabel(mode: AttendanceMode, civility: Civility): string {
  if (mode === AttendanceMode.PRESENT) return agreed('present', civility);
  if (mode === AttendanceMode.EXCUSED) return agreed('excused', civility);
  if (mode === AttendanceMode.REPRESENTED) return agreed('represented', civility);
  return ATTENDANCE_LABEL[mode];
}

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

/** A word that starts with a vowel sound: a vowel, or a mute h (names and common words; no h aspiré is listed). */
const VOWEL_START = /^[aàâäeéèêëiîïoôöuùûüyœæh]/i;

/**
 * "de Isabelle" → "d’Isabelle", "de Marc" → "de Marc"; also "le"/"la" → "l’", "que" → "qu’". The word is kept as
 * it is; only the little word before it elides.
 */
export function elide(word: 'de' | 'le' | 'la' | 'que' | 'De' | 'Le' | 'La' | 'Que', next: string): string {
  if (!VOWEL_START.test(next.trim())) return `${word} ${next}`;
  const stem = word.toLowerCase() === 'que' ? `${word.slice(0, 2)}’` : `${word[0]}’`;
  return `${stem}${next.trim()}`;
}

/**
 * What the French calls a person in an office, agreed with their civility: the feminine for MADAME, the masculine
 * for MONSIEUR, and, when the civility is not given, the neutral written form the platform used before ("Président(e)",
 * or an epicene word where French has one): nobody is given a gender they did not state (docs/DECISIONS.md).
 */
export type Civility = 'MADAME' | 'MONSIEUR' | null | undefined;
const OFFICES = {
  president: ['Présidente', 'Président', 'Président(e)'],
  vicePresident: ['Vice-présidente', 'Vice-président', 'Vice-président(e)'],
  presidentOfSession: ['Présidente de séance', 'Président de séance', 'Présidence de séance'],
  mandatary: ['Mandataire', 'Mandataire', 'Mandataire'],
  present: ['présente', 'présent', 'présent(e)'],
  absent: ['absente', 'absent', 'absent(e)'],
  excused: ['excusée', 'excusé', 'excusé(e)'],
  represented: ['représentée', 'représenté', 'représenté(e)'],
  convened: ['convoquée', 'convoqué', 'convoqué(e)'],
  invited: ['invitée', 'invité', 'invité(e)'],
  leader: ['Dirigeante', 'Dirigeant', 'Dirigeant(e)'],
} as const;
export type Office = keyof typeof OFFICES;
export function agreed(office: Office, civility: Civility): string {
  return OFFICES[office][civility === 'MADAME' ? 0 : civility === 'MONSIEUR' ? 1 : 2];
}

/**
 * French typography on a whole text: a no-break space before « : ; ? ! » and inside « », and the typographic
 * apostrophe. Leaves URLs, times (9:30) and numbers (1.5) alone. Idempotent.
 */
export function typeset(text: string): string {
  return text
    .replace(/(\w)'(?=\w)/g, '$1’')
    .replace(/[ \u00a0\u202f]*([;?!])(?=\s|$)/g, `${NBSP}$1`)
    .replace(/(?<![/\d])[ \u00a0\u202f]*:(?=\s|$)/g, `${NBSP}:`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`);
}

/**
 * Lines of a paper as written: a line starting with "-", "*" or "•" is an item of a list, and consecutive items stay
 * one list; other lines are paragraphs (blank lines separate them).
 */
export type Block = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };
export function blocks(text: string): Block[] {
  const result: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) result.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const item = /^[-*•]\s+(.*)$/.exec(line);
    if (item) {
      flush();
      const last = result[result.length - 1];
      if (last?.kind === 'list') last.items.push(item[1]!);
      else result.push({ kind: 'list', items: [item[1]!] });
    } else if (!line) flush();
    else paragraph.push(line);
  }
  flush();
  return result;
}
