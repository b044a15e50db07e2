import { Basin } from '../basin/basin.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Contribution } from '../basin/contribution.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Person } from '../person/person.entity.js';
import { Membership } from '../person/membership.entity.js';
import { AuthSession } from '../auth/auth-session.entity.js';
import { Invitation } from '../auth/invitation.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { Project } from '../project/project.entity.js';
import { CompetenceNeed } from '../project/competence-need.entity.js';
import {
  Attachment,
  DiagnosisPaper,
  DiagnosisPaperVersion,
  DiagnosisSection,
  StoredFile,
} from '../diagnosis/diagnosis-paper.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { AgendaItem } from '../meeting/agenda-item.entity.js';
import { Attendance } from '../meeting/attendance.entity.js';
import { HandRaise } from '../meeting/hand-raise.entity.js';
import { PrivateNote } from '../meeting/private-note.entity.js';
import { Ballot, BallotParticipation, ConflictOfInterest, SealedVote, VoteKey } from '../ballot/ballot.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { Advance, Repayment, RepaymentInstalment } from '../advance/advance.entity.js';
import { FollowUpReport } from '../follow-up/follow-up-report.entity.js';
import { Minutes } from '../minutes/minutes.entity.js';
import { ConventionSignature, CooperationConvention } from '../cooperation/convention.entity.js';
import { CalendarFeed } from '../calendar/calendar-feed.entity.js';
import { ReminderLog } from '../notification/reminder-log.entity.js';
import { BaseEntity } from '../common/base.entity.js';
import { ChairTerm } from '../administration/chair-term.entity.js';
import { BasinSettingChange } from '../administration/basin-setting-change.entity.js';
import { AuditChainHead, AuditEntry } from '../audit/audit.entity.js';
import { DecisionReview, Orientation } from '../steering/decision-review.entity.js';
import { TreasuryMovement } from '../treasury/treasury-movement.entity.js';
import { ConventionPartner } from '../partnership/convention-partner.entity.js';
import { ConventionObjective } from '../partnership/convention-objective.entity.js';

/** Every entity, listed explicitly: no folder scanning, so the compiled server and vitest see the same model. */
export const entities = [
  BaseEntity,
  Basin,
  TriennialConvention,
  Contribution,
  Organisation,
  Person,
  Membership,
  AuthSession,
  Invitation,
  Sme,
  Project,
  CompetenceNeed,
  DiagnosisPaper,
  DiagnosisPaperVersion,
  DiagnosisSection,
  Attachment,
  StoredFile,
  Meeting,
  AgendaItem,
  Attendance,
  HandRaise,
  PrivateNote,
  Ballot,
  BallotParticipation,
  SealedVote,
  VoteKey,
  ConflictOfInterest,
  Pledge,
  Decision,
  Advance,
  RepaymentInstalment,
  Repayment,
  FollowUpReport,
  Minutes,
  CooperationConvention,
  ConventionSignature,
  CalendarFeed,
  ReminderLog,
  ChairTerm,
  BasinSettingChange,
  AuditEntry,
  AuditChainHead,
  DecisionReview,
  Orientation,
  TreasuryMovement,
  ConventionPartner,
  ConventionObjective,
];
