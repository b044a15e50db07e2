import { AppError, ErrorCode } from '../errors.js';
import { MajorityRule, QuorumBasis, type Basin } from '../basin/basin.entity.js';

/** The rules of a basin that its operator and the national head may change, each recorded when it changes. */
export const SETTING_FIELDS = [
  'advanceCap',
  'quorumBasis',
  'quorumPercent',
  'majorityRule',
  'allowVoteChange',
  'showNamedVotesLive',
  'maxProxiesPerMember',
  'dailyRate',
  'followUpCadenceMonths',
  'minFollowUpMonths',
] as const;
export type SettingField = (typeof SETTING_FIELDS)[number];
export type BasinSettings = Pick<Basin, SettingField>;

/**
 * Allowed ranges (inclusive). The programme follows a project for at least 18 months, so no basin goes below; the
 * cadence lists the months when a report is due, increasing, within ten years.
 */
export const SETTING_RANGES = {
  advanceCap: { min: 0, max: 1_000_000 },
  quorumPercent: { min: 1, max: 100 },
  maxProxiesPerMember: { min: 0, max: 10 },
  dailyRate: { min: 0, max: 10_000 },
  followUpCadenceMonths: { min: 1, max: 120 },
  minFollowUpMonths: { min: 18, max: 120 },
} as const;

const outOfRange = (field: keyof typeof SETTING_RANGES, detail = ''): AppError => {
  const { min, max } = SETTING_RANGES[field];
  return new AppError(ErrorCode.SETTING_OUT_OF_RANGE, `${field} must be between ${min} and ${max}${detail}`, {
    field,
    min,
    max,
  });
};

/** Throws SETTING_OUT_OF_RANGE (with the field and its range) on the first value outside its range. */
export function checkSettings(settings: Partial<BasinSettings>): void {
  const integer = (field: 'advanceCap' | 'quorumPercent' | 'maxProxiesPerMember' | 'minFollowUpMonths') => {
    const value = settings[field];
    if (value === undefined) return;
    const { min, max } = SETTING_RANGES[field];
    if (!Number.isInteger(value) || value < min || value > max) throw outOfRange(field);
  };
  integer('advanceCap');
  integer('quorumPercent');
  integer('maxProxiesPerMember');
  integer('minFollowUpMonths');
  if (settings.dailyRate !== undefined) {
    const { min, max } = SETTING_RANGES.dailyRate;
    if (!Number.isFinite(settings.dailyRate) || settings.dailyRate < min || settings.dailyRate > max) {
      throw outOfRange('dailyRate');
    }
  }
  const cadence = settings.followUpCadenceMonths;
  if (cadence !== undefined) {
    const { min, max } = SETTING_RANGES.followUpCadenceMonths;
    const valid =
      cadence.length > 0 &&
      cadence.every((m, i) => Number.isInteger(m) && m >= min && m <= max && (i === 0 || m > cadence[i - 1]!));
    if (!valid) throw outOfRange('followUpCadenceMonths', ', at least one, increasing');
  }
  if (settings.quorumBasis !== undefined && !Object.values(QuorumBasis).includes(settings.quorumBasis)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Unknown quorum basis', { fields: { quorumBasis: 'invalid' } });
  }
  if (settings.majorityRule !== undefined && !Object.values(MajorityRule).includes(settings.majorityRule)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Unknown majority rule', { fields: { majorityRule: 'invalid' } });
  }
}
