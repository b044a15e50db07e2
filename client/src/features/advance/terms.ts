import type { RepaymentFrequency, RepaymentTermsInput } from '@/gql/graphql';
import { parseCount } from '@/lib/parse';

/** Repayment terms as typed in a form. */
export interface TermsDraft {
  deferral: string;
  duration: string;
  frequency: RepaymentFrequency;
}

/** The server's defaults: six months without repayment, then 36 months of monthly instalments. */
export const defaultTerms = (): TermsDraft => ({ deferral: '6', duration: '36', frequency: 'MONTHLY' });

/** Terms the server accepts (deferral 0–36 months, duration one period to 120 months), or null. */
export function parseTerms(draft: TermsDraft): RepaymentTermsInput | null {
  const deferralMonths = parseCount(draft.deferral);
  const durationMonths = parseCount(draft.duration);
  const step = draft.frequency === 'QUARTERLY' ? 3 : 1;
  if (deferralMonths === null || deferralMonths > 36) return null;
  if (durationMonths === null || durationMonths < step || durationMonths > 120) return null;
  return { deferralMonths, durationMonths, frequency: draft.frequency };
}
