import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AttendanceMode } from '../meeting/attendance.entity.js';
import { AgendaItemKind, AgendaItemStatus } from '../meeting/agenda-item.entity.js';
import { QuorumBasis, MajorityRule } from '../basin/basin.entity.js';
import { BallotKind, BallotResult, VoteChoice } from '../ballot/ballot.entity.js';
import { CompetenceDomain } from '../project/competence-need.entity.js';
import { DecisionOutcome } from '../decision/decision.entity.js';
import type { Civility } from './french.js';

/**
 * What the minutes record of a session, drafted from its data when it closes and kept as JSON: names are copied,
 * so the record stays as it was even when people or organisations change later. These classes are both the JSON's
 * TypeScript shape and its GraphQL types.
 */

@ObjectType({ description: 'A committee seat at the session, as the minutes record it' })
export class MinutesAttendance {
  @Field(() => ID) personId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) organisation!: string;
  @Field(() => AttendanceMode, { nullable: true, description: 'Null: absent, without excuse' })
  mode!: AttendanceMode | null;
  @Field(() => String, { nullable: true, description: 'Who held the proxy of a represented member' })
  proxyHolder!: string | null;
  /** Madame or Monsieur when the person gave it (absent in minutes drafted before): agrees "présente", "excusé"… */
  civility?: Civility | null;
}

@ObjectType()
export class MinutesQuorum {
  @Field(() => QuorumBasis) basis!: QuorumBasis;
  @Field(() => Int) percent!: number;
  @Field(() => Int) present!: number;
  @Field(() => Int) total!: number;
  @Field(() => Int) required!: number;
  @Field(() => Boolean) reached!: boolean;
}

@ObjectType({ description: 'Staff time a partner company pledged during the item' })
export class MinutesPledge {
  @Field(() => String) organisation!: string;
  @Field(() => CompetenceDomain) domain!: CompetenceDomain;
  @Field(() => String) profile!: string;
  @Field(() => Float) days!: number;
  @Field(() => String, { nullable: true }) expertName!: string | null;
}

@ObjectType({ description: "A member's choice in a named ballot (never recorded for a secret one)" })
export class MinutesVote {
  @Field(() => String) name!: string;
  @Field(() => VoteChoice) choice!: VoteChoice;
  @Field(() => String, { nullable: true, description: 'Cast by this proxy holder' }) proxyHolder!: string | null;
}

@ObjectType()
export class MinutesBallot {
  @Field(() => BallotKind) kind!: BallotKind;
  @Field(() => String) motion!: string;
  @Field(() => MajorityRule) majorityRule!: MajorityRule;
  @Field(() => Int) forCount!: number;
  @Field(() => Int) againstCount!: number;
  @Field(() => Int) abstainCount!: number;
  @Field(() => Int, { description: 'Voices that could vote' }) eligible!: number;
  @Field(() => BallotResult, { nullable: true }) result!: BallotResult | null;
  @Field(() => [MinutesVote], { nullable: true, description: 'Named ballots only; null for a secret ballot' })
  votes!: MinutesVote[] | null;
}

@ObjectType()
export class MinutesRecusal {
  @Field(() => String) name!: string;
  @Field(() => String) organisation!: string;
  @Field(() => String) reason!: string;
}

@ObjectType()
export class MinutesDecision {
  @Field(() => DecisionOutcome) outcome!: DecisionOutcome;
  @Field(() => Int) advanceAmount!: number;
  @Field(() => String, { nullable: true }) mandatary!: string | null;
  @Field(() => String) reasons!: string;
}

@ObjectType({ description: 'The session whose minutes an item approves' })
export class MinutesReference {
  @Field(() => ID) meetingId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'ISO time the session was held' }) scheduledAt!: string;
  @Field(() => Boolean, { description: 'Those minutes were approved when this session closed' }) approved!: boolean;
}

@ObjectType()
export class MinutesItem {
  @Field(() => ID) agendaItemId!: string;
  @Field(() => Int) position!: number;
  @Field(() => AgendaItemKind) kind!: AgendaItemKind;
  @Field(() => String) title!: string;
  @Field(() => AgendaItemStatus) status!: AgendaItemStatus;
  @Field(() => String, { nullable: true }) deferralReason!: string | null;
  @Field(() => String, { nullable: true }) projectTitle!: string | null;
  @Field(() => String, { nullable: true }) smeName!: string | null;
  @Field(() => Int, { nullable: true, description: 'Number of the diagnosis version the session showed' })
  paperVersion!: number | null;
  @Field(() => [MinutesPledge]) pledges!: MinutesPledge[];
  @Field(() => [MinutesBallot]) ballots!: MinutesBallot[];
  @Field(() => [MinutesRecusal]) recusals!: MinutesRecusal[];
  @Field(() => MinutesDecision, { nullable: true }) decision!: MinutesDecision | null;
  @Field(() => MinutesReference, { nullable: true }) minutesOf!: MinutesReference | null;
}

/** The drafted record, stored as JSON on the minutes. */
export interface MinutesContent {
  basinName: string;
  timeZone: string;
  title: string;
  scheduledAt: string;
  location: string;
  openedAt: string | null;
  closedAt: string | null;
  /** Who presided: the chair, or the vice-chair in the chair's absence. */
  chair: string | null;
  /** The presiding person's civility, to agree "Présidente de séance" (absent in minutes drafted before). */
  chairCivility?: Civility | null;
  /** The meeting's chair when the vice-chair presided in their absence (absent in minutes drafted before). */
  absentChair?: string | null;
  /** Why the session opened on another day than scheduled (absent in minutes drafted before). */
  openingReason?: string | null;
  attendance: MinutesAttendance[];
  quorum: MinutesQuorum;
  items: MinutesItem[];
}
