import type { RepaymentFrequency } from '../advance/advance.entity.js';
import type { BallotKind } from '../ballot/ballot.entity.js';
import type { DecisionOutcome } from '../decision/decision.entity.js';
import type { CompetenceDomain } from '../project/competence-need.entity.js';
import type { ProjectKind, ProjectStatus } from '../project/project.entity.js';
import type { PartnerKey, PersonKey } from './demo-data.js';
import type { Day } from './demo-tools.js';

/** What the demo describes, before it is written: plain data, shared by the hand-written and generated parts. */

export interface SmeSpec {
  name: string;
  sector: string;
  town: string;
  headcount: number;
  leader?: PersonKey;
}

export interface NeedSpec {
  domain: CompetenceDomain;
  profile: string;
  days: number;
}

export interface SectionSpec {
  heading: string;
  body: string;
}

export interface AttachmentSpec {
  fileName: string;
  mimeType: string;
  content: Buffer;
}

export interface VersionSpec {
  title: string;
  changeNote?: string;
  complementary?: boolean;
  /** Days after the prescription when the version was saved. */
  writtenAfterDays: number;
  sections: SectionSpec[];
  attachments?: AttachmentSpec[];
}

export interface ProjectSpec {
  key: string;
  sme: SmeSpec;
  title: string;
  summary: string;
  kind: ProjectKind;
  prescriber: PersonKey;
  prescribedOn: Day;
  jobsPlanned: number;
  advanceRequested: number;
  needs: NeedSpec[];
  /** Where the project stands before any session is replayed (examined projects then follow their decision). */
  status: ProjectStatus;
  paper: VersionSpec[];
}

export interface PledgeSpec {
  /** Index of the need in the project's list. */
  need: number;
  organisation: PartnerKey;
  days: number;
  expertName?: string;
  /** Who pledged, when not the company's usual representative. */
  by?: PersonKey;
}

/** How an advance is repaid, which decides its status and repayment rows. */
export type RepaymentBehaviour = 'ON_TIME' | 'LATE' | 'DEFAULTED';

export interface AdvanceSpec {
  amount: number;
  /** Null: granted, awaiting the signature of the convention before disbursement. */
  disbursedAfterDays: number | null;
  deferralMonths: number;
  durationMonths: number;
  frequency: RepaymentFrequency;
  behaviour: RepaymentBehaviour;
  /** For a defaulted advance: instalments due after this many months from disbursement were never paid. */
  defaultAfterMonths?: number;
}

export interface ReportSpec {
  monthsAfterDecision: number;
  /** Hires since the previous report. */
  hiresMade: number;
  /** Jobs preserved at the time of the report. */
  jobsPreserved: number;
  revenue?: number;
  difficulties: string;
  newInterventionRequest?: string;
  /** Share of each pledge's days delivered since the previous report. */
  delivered: number;
  closing?: boolean;
}

/**
 * How the committee voted: a ballot, or (for the generated history) a show of hands recorded by the operator. The
 * electorate is only known once attendance and recusals are applied, so one side of the tally is "the rest".
 */
export type VoteSpec = {
  kind: BallotKind | 'SHOW_OF_HANDS';
  abstain: number;
  /** Defaults to approving the project; a deferral is voted on its own motion. */
  motion?: string;
} & ({ against: number } | { inFavour: number });

export interface ExaminationSpec {
  outcome: DecisionOutcome;
  vote: VoteSpec;
  reasons: string;
  pledges?: PledgeSpec[];
  advance?: AdvanceSpec;
  mandatary?: PersonKey;
  reports?: ReportSpec[];
}

export interface ConflictSpec {
  person: PersonKey;
  reason: string;
}

export interface AttendanceSpec {
  excused?: PersonKey[];
  remote?: PersonKey[];
  /** [absent member, proxy holder of another organisation] */
  represented?: [PersonKey, PersonKey][];
}

export type ItemSpec =
  | { kind: 'MINUTES' | 'INFORMATION'; title: string; minutes: number }
  | { kind: 'FOLLOW_UP'; project: string; title: string; minutes: number }
  | {
      kind: 'EXAMINATION';
      project: string;
      minutes: number;
      /** Declared conflicts of interest: those members are recused from the vote. */
      conflicts?: ConflictSpec[];
      /** What the committee decided; absent for a session still to come. */
      examination?: ExaminationSpec;
    };

export interface SessionSpec {
  day: Day;
  hour: number;
  minute: number;
  attendance: AttendanceSpec;
  items: ItemSpec[];
}
