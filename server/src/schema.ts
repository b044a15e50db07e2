import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth/auth-checker.js';
import { AuthResolver, MembershipResolver } from './auth/auth.resolver.js';
import { BasinResolver, OrganisationResolver } from './basin/basin.resolver.js';
import { ProjectResolver } from './project/project.resolver.js';
import { SmeResolver } from './sme/sme.resolver.js';
import { PersonResolver } from './person/person.resolver.js';
import {
  AttachmentResolver,
  DiagnosisPaperResolver,
  DiagnosisVersionResolver,
} from './diagnosis/diagnosis.resolver.js';
import { AgendaItemResolver, MeetingResolver } from './meeting/meeting.resolver.js';
import {
  AttendanceResolver,
  ConflictResolver,
  HandRaiseResolver,
  LiveAgendaItemResolver,
  LiveMeetingResolver,
} from './meeting/live-session.resolver.js';
import { BallotResolver } from './ballot/ballot.resolver.js';
import { PledgeResolver } from './pledge/pledge.resolver.js';
import { DecisionResolver } from './decision/decision.resolver.js';
import { AdvanceResolver, InstalmentResolver } from './advance/advance.resolver.js';
import { FollowUpResolver, ProjectPledgesResolver } from './follow-up/follow-up.resolver.js';
import { DashboardResolver } from './dashboard/dashboard.resolver.js';
import { AnnualReportResolver } from './report/report.resolver.js';
import { ImportResolver } from './import/import.resolver.js';
import { PartnerLedgerResolver } from './organisation/partner-ledger.resolver.js';
import { MeetingMinutesResolver, MinutesApprovalItemResolver, MinutesResolver } from './minutes/minutes.resolver.js';
import {
  ConventionSignatureResolver,
  CooperationConventionResolver,
  ProjectConventionResolver,
} from './cooperation/convention.resolver.js';
import { CalendarResolver } from './calendar/calendar.resolver.js';
import { NotificationResolver } from './notification/notification.resolver.js';
import { LiveResolver, MeetingLiveResolver } from './live/live.resolver.js';
import { ErrorCodesResolver } from './common/error-codes.resolver.js';
import {
  AdministrationResolver,
  BasinSettingChangeResolver,
  ChairTermResolver,
} from './administration/administration.resolver.js';
import { ExpertResolver } from './expert/expert.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import {
  AgendaItemSteeringResolver,
  DecisionReviewResolver,
  DecisionSteeringResolver,
  OrientationResolver,
  SteeringResolver,
} from './steering/steering.resolver.js';
import { NetworkResolver } from './network/network.resolver.js';
import { ContributionResolver } from './contribution/contribution.resolver.js';
import { TreasuryResolver } from './treasury/treasury.resolver.js';
import { ConventionPartnerResolver, PartnershipConventionResolver } from './partnership/partnership.resolver.js';
import type { PubSub } from './pubsub.js';

export const resolvers = [
  AuthResolver,
  MembershipResolver,
  BasinResolver,
  OrganisationResolver,
  ProjectResolver,
  SmeResolver,
  PersonResolver,
  DiagnosisPaperResolver,
  DiagnosisVersionResolver,
  AttachmentResolver,
  MeetingResolver,
  AgendaItemResolver,
  LiveMeetingResolver,
  LiveAgendaItemResolver,
  AttendanceResolver,
  HandRaiseResolver,
  ConflictResolver,
  BallotResolver,
  PledgeResolver,
  DecisionResolver,
  AdvanceResolver,
  InstalmentResolver,
  FollowUpResolver,
  ProjectPledgesResolver,
  DashboardResolver,
  AnnualReportResolver,
  ImportResolver,
  PartnerLedgerResolver,
  MinutesResolver,
  MeetingMinutesResolver,
  MinutesApprovalItemResolver,
  CooperationConventionResolver,
  ConventionSignatureResolver,
  ProjectConventionResolver,
  CalendarResolver,
  NotificationResolver,
  LiveResolver,
  MeetingLiveResolver,
  ExpertResolver,
  ErrorCodesResolver,
  AdministrationResolver,
  ChairTermResolver,
  BasinSettingChangeResolver,
  AuditResolver,
  SteeringResolver,
  DecisionSteeringResolver,
  DecisionReviewResolver,
  OrientationResolver,
  AgendaItemSteeringResolver,
  NetworkResolver,
  ContributionResolver,
  TreasuryResolver,
  PartnershipConventionResolver,
  ConventionPartnerResolver,
] as const;

/** The executable schema; `pubSub` carries subscriptions (in-process or Redis). */
export function buildAppSchema(pubSub: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    pubSub,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
}
