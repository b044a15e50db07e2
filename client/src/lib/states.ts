/**
 * Values of the schema's documented string fields (not GraphQL enums): `RepaymentInstalment.state`,
 * `FollowUpSlot.state` and `ResourceShare.source`. The schema's descriptions list them; a value the client does not
 * know yet is shown as it comes, never hidden.
 */
export const INSTALMENT_STATES = ['PAID_ON_TIME', 'PAID_LATE', 'UPCOMING', 'LATE', 'UNPAID'] as const;
export type InstalmentState = (typeof INSTALMENT_STATES)[number];

export const FOLLOW_UP_STATES = ['SUBMITTED', 'UPCOMING', 'DUE_SOON', 'OVERDUE'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

export const RESOURCE_SOURCES = ['COMPANIES', 'TERRITORIAL_ACTORS', 'COLLECTIVITIES', 'STATE_AND_CDC'] as const;
export type ResourceSource = (typeof RESOURCE_SOURCES)[number];

const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): value is T =>
    (values as readonly string[]).includes(value);

export const isInstalmentState = isOneOf(INSTALMENT_STATES);
export const isFollowUpState = isOneOf(FOLLOW_UP_STATES);
export const isResourceSource = isOneOf(RESOURCE_SOURCES);
