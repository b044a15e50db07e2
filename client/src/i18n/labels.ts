import { useI18n } from 'vue-i18n';
import type {
  AdvanceStatus,
  AgendaItemAction,
  AgendaItemKind,
  AgendaItemStatus,
  AttendanceMode,
  BallotKind,
  BallotResult,
  BallotStatus,
  Civility,
  CompetenceDomain,
  ContributionKind,
  ContributionOrigin,
  ConventionParty,
  DecisionOutcome,
  MajorityRule,
  MeetingStatus,
  MinutesStatus,
  OrganisationKind,
  ProjectKind,
  ProjectStatus,
  QuorumBasis,
  RepaymentFrequency,
  Role,
  SignatureStatus,
  TreasuryAccount,
  TreasuryMovementKind,
  ConventionStatus,
  AnnexSource,
  AnnexUseLine,
  VoteChoice,
  ReviewVerdict,
  SteeringStatus,
} from '@/gql/graphql';
import { isFollowUpState, isInstalmentState, isResourceSource } from '@/lib/states';

/** Labels of the schema's enums in the person's language. */
export function useLabels() {
  const { t } = useI18n();
  return {
    projectStatus: (value: ProjectStatus) => t(`enums.ProjectStatus.${value}`),
    projectKind: (value: ProjectKind) => t(`enums.ProjectKind.${value}`),
    meetingStatus: (value: MeetingStatus) => t(`enums.MeetingStatus.${value}`),
    agendaItemKind: (value: AgendaItemKind) => t(`enums.AgendaItemKind.${value}`),
    agendaItemStatus: (value: AgendaItemStatus) => t(`enums.AgendaItemStatus.${value}`),
    role: (value: Role) => t(`enums.Role.${value}`),
    civility: (value: Civility) => t(`enums.Civility.${value}`),
    organisationKind: (value: OrganisationKind) => t(`enums.OrganisationKind.${value}`),
    organisationKindPlural: (value: OrganisationKind) => t(`enums.OrganisationKindPlural.${value}`),
    competenceDomain: (value: CompetenceDomain) => t(`enums.CompetenceDomain.${value}`),
    attendanceMode: (value: AttendanceMode) => t(`enums.AttendanceMode.${value}`),
    ballotKind: (value: BallotKind) => t(`enums.BallotKind.${value}`),
    ballotStatus: (value: BallotStatus) => t(`enums.BallotStatus.${value}`),
    ballotResult: (value: BallotResult) => t(`enums.BallotResult.${value}`),
    voteChoice: (value: VoteChoice) => t(`enums.VoteChoice.${value}`),
    decisionOutcome: (value: DecisionOutcome) => t(`enums.DecisionOutcome.${value}`),
    steeringStatus: (value: SteeringStatus) => t(`enums.SteeringStatus.${value}`),
    reviewVerdict: (value: ReviewVerdict) => t(`enums.ReviewVerdict.${value}`),
    majorityRule: (value: MajorityRule) => t(`enums.MajorityRule.${value}`),
    quorumBasis: (value: QuorumBasis) => t(`enums.QuorumBasis.${value}`),
    agendaItemAction: (value: AgendaItemAction) => t(`enums.AgendaItemAction.${value}`),
    advanceStatus: (value: AdvanceStatus) => t(`enums.AdvanceStatus.${value}`),
    repaymentFrequency: (value: RepaymentFrequency) => t(`enums.RepaymentFrequency.${value}`),
    instalmentState: (value: string) => (isInstalmentState(value) ? t(`enums.InstalmentState.${value}`) : value),
    followUpState: (value: string) => (isFollowUpState(value) ? t(`enums.FollowUpState.${value}`) : value),
    minutesStatus: (value: MinutesStatus) => t(`enums.MinutesStatus.${value}`),
    conventionParty: (value: ConventionParty) => t(`enums.ConventionParty.${value}`),
    signatureStatus: (value: SignatureStatus) => t(`enums.SignatureStatus.${value}`),
    resourceSource: (value: string) => (isResourceSource(value) ? t(`enums.ResourceSource.${value}`) : value),
    contributionKind: (value: ContributionKind) => t(`enums.ContributionKind.${value}`),
    contributionOrigin: (value: ContributionOrigin) => t(`enums.ContributionOrigin.${value}`),
    treasuryAccount: (value: TreasuryAccount) => t(`enums.TreasuryAccount.${value}`),
    treasuryMovementKind: (value: TreasuryMovementKind) => t(`enums.TreasuryMovementKind.${value}`),
    conventionStatus: (value: ConventionStatus) => t(`enums.ConventionStatus.${value}`),
    annexSource: (value: AnnexSource) => t(`enums.AnnexSource.${value}`),
    annexUseLine: (value: AnnexUseLine) => t(`enums.AnnexUseLine.${value}`),
  };
}

/** Every value of each enum shown in forms and filters, in the order people expect them. */
export const CIVILITIES: readonly Civility[] = ['MADAME', 'MONSIEUR'];
export const PROJECT_STATUSES: readonly ProjectStatus[] = [
  'PRESCRIBED',
  'DIAGNOSIS',
  'SCHEDULED',
  'APPROVED',
  'DEFERRED',
  'REJECTED',
  'FOLLOW_UP',
  'CLOSED',
];
export const PROJECT_KINDS: readonly ProjectKind[] = ['DEVELOPMENT', 'TAKEOVER', 'STRUCTURING', 'CREATION'];
export const AGENDA_ITEM_KINDS: readonly AgendaItemKind[] = [
  'PROJECT_EXAMINATION',
  'FOLLOW_UP_REVIEW',
  'INFORMATION',
  'MINUTES_APPROVAL',
];
export const COMPETENCE_DOMAINS: readonly CompetenceDomain[] = [
  'QUALITY',
  'PRODUCTION',
  'LEAN',
  'HR',
  'SALES_EXPORT',
  'FINANCE',
  'IT',
  'MANAGEMENT',
  'OTHER',
];
export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  'OPERATOR',
  'PARTNER_COMPANY',
  'ASSOCIATED_PARTNER',
  'COLLECTIVITY',
  'STATE',
  'CDC',
];
export const ROLES: readonly Role[] = ['OPERATOR', 'CHAIR', 'MEMBER', 'OBSERVER', 'SME'];
export const ATTENDANCE_MODES: readonly AttendanceMode[] = ['PRESENT', 'REMOTE', 'EXCUSED', 'REPRESENTED'];
export const BALLOT_KINDS: readonly BallotKind[] = ['NAMED', 'SECRET'];
export const VOTE_CHOICES: readonly VoteChoice[] = ['FOR', 'AGAINST', 'ABSTAIN'];
export const DECISION_OUTCOMES: readonly DecisionOutcome[] = ['APPROVED', 'REJECTED', 'DEFERRED'];
export const REPAYMENT_FREQUENCIES: readonly RepaymentFrequency[] = ['MONTHLY', 'QUARTERLY'];
export const CONTRIBUTION_ORIGINS: readonly ContributionOrigin[] = [
  'COMPANIES',
  'TERRITORIAL_ACTORS',
  'COLLECTIVITIES',
  'STATE_AND_CDC',
  'REVITALISATION',
  'EUROPEAN_SOCIAL_FUND',
];
