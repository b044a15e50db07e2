import { i18n } from '@/i18n';
import type { MessageSchema } from '@/i18n/fr';
import { formatEuros } from '@/lib/format';

type ImportMessageKey = keyof MessageSchema['importer']['messages'];

/**
 * The server explains an import problem in a short English phrase (server/src/import/import.service.ts); these are
 * shown in the person's language. A phrase not listed here is shown as it comes.
 */
const FIXED: Record<string, ImportMessageKey> = {
  required: 'required',
  'must be a whole number, 0 or more': 'wholeNumber',
  'must be a date YYYY-MM-DD': 'date',
  'unknown column': 'unknownColumn',
  'not a valid SIREN': 'invalidSiren',
  'already in the basin': 'sirenKnown',
  'twice in the file': 'sirenTwice',
  'no such organisation in the basin': 'noOrganisation',
  'this organisation has no committee member': 'noMember',
  'an approved project needs a mandatary from the committee': 'mandataryRequired',
  'only an approved project has an advance': 'advanceNotApproved',
  'MONTHLY or QUARTERLY': 'frequency',
  'more than the advance': 'repaidTooMuch',
  'repaid but never disbursed?': 'repaidNotDisbursed',
  'no advance to repay': 'nothingToRepay',
};

/** A code the server names (DEVELOPMENT, APPROVED…) as the interface calls it; the import reads both. */
function valueLabel(code: string): string {
  const { t, te } = i18n.global;
  for (const kind of ['ProjectKind', 'DecisionOutcome', 'RepaymentFrequency']) {
    if (te(`enums.${kind}.${code}`)) return t(`enums.${kind}.${code}`);
  }
  return code;
}

/** An import problem in the interface language. */
export function importMessage(message: string): string {
  const { t } = i18n.global;
  const fixed = FIXED[message];
  if (fixed) return t(`importer.messages.${fixed}`);
  const oneOf = /^one of (.+)$/.exec(message);
  if (oneOf?.[1]) return t('importer.messages.oneOf', { values: oneOf[1].split(', ').map(valueLabel).join(', ') });
  const cap = /^above the basin's cap \((\d+) €\)$/.exec(message);
  if (cap?.[1]) return t('importer.messages.aboveCap', { cap: formatEuros(Number(cap[1])) });
  return message;
}
