import { type EntityManager, ref } from '@mikro-orm/core';
import { Advance, AdvanceStatus, Repayment, RepaymentInstalment } from '../advance/advance.entity.js';
import {
  Ballot,
  BallotKind,
  BallotParticipation,
  BallotResult,
  BallotStatus,
  ConflictOfInterest,
  VoteChoice,
} from '../ballot/ballot.entity.js';
import { Basin } from '../basin/basin.entity.js';
import { TriennialConvention } from '../basin/triennial-convention.entity.js';
import { Contribution } from '../basin/contribution.entity.js';
import { RESOURCE_SOURCES, type ResourceSource, defaultOrigin } from '../contribution/sources.js';
import { ConventionPartner } from '../partnership/convention-partner.entity.js';
import { ConventionObjective } from '../partnership/convention-objective.entity.js';
import { conventionYears } from '../partnership/periods.js';
import { TreasuryAccount, TreasuryMovement, TreasuryMovementKind } from '../treasury/treasury-movement.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { decisionTrace } from '../decision/trace.js';
import { ballotResult } from '../ballot/majority.js';
import { computeQuorum } from '../meeting/quorum.js';
import { type PlannedInstalment, repaymentSchedule } from '../advance/schedule.js';
import {
  Attachment,
  DiagnosisPaper,
  DiagnosisPaperVersion,
  DiagnosisSection,
} from '../diagnosis/diagnosis-paper.entity.js';
import type { FileStore } from '../diagnosis/file-store.js';
import { FollowUpReport } from '../follow-up/follow-up-report.entity.js';
import { AgendaItem, AgendaItemKind, AgendaItemStatus } from '../meeting/agenda-item.entity.js';
import { Attendance, AttendanceMode } from '../meeting/attendance.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { CompetenceNeed } from '../project/competence-need.entity.js';
import { Project, ProjectStatus } from '../project/project.entity.js';
import { Sme } from '../sme/sme.entity.js';
import {
  BASIN,
  CONVENTION_OBJECTIVES,
  CONVENTION_TARGETS,
  MEETING_LOCATION,
  ORGANISATIONS,
  YEARLY_ANNEX_USES,
  YEARLY_CONTRIBUTIONS,
  OTHER_CONTRIBUTIONS,
  YEARLY_STAFF_DAYS,
  type OrgKey,
  PEOPLE,
  PLEDGER,
  type PersonKey,
  VOTERS,
  organisationOf,
} from './demo-data.js';
import type {
  AdvanceSpec,
  AttachmentSpec,
  AttendanceSpec,
  ConflictSpec,
  ExaminationSpec,
  ItemSpec,
  PledgeSpec,
  ProjectSpec,
  ReportSpec,
  SessionSpec,
  VoteSpec,
} from './demo-specs.js';
import {
  type Day,
  Prng,
  addDays,
  addMinutes,
  addMonths,
  atLocalTime,
  dayIn,
  euros,
  frenchDate,
  halfDays,
  newSiren,
  yearOf,
} from './demo-tools.js';

/** The demo's sectors as the INSEE codes them (NAF rév. 2), for the network's breakdown by sector. */
const NAF_OF_SECTOR: Record<string, string> = {
  'Métallurgie et chaudronnerie': '25.62B',
  'Sous-traitance automobile': '29.32Z',
  'Équipement ferroviaire': '30.20Z',
  Agroalimentaire: '10.13A',
  'Transport et logistique': '49.41A',
  Numérique: '62.01Z',
  'Bâtiment et travaux publics': '43.21A',
  'Services aux entreprises': '70.22Z',
  'Mécanique de précision': '25.62B',
  'Maintenance électrique industrielle': '33.14Z',
  'Chaudronnerie et soudage': '25.29Z',
  'Négoce et reconditionnement de palettes': '16.24Z',
  'Brasserie artisanale': '11.05Z',
  'Composites pour le ferroviaire': '30.20Z',
  Biscuiterie: '10.72Z',
  'Édition de logiciels': '58.29C',
  'Tôlerie fine': '25.11Z',
};

/** Turns the demo specs into entities, keeping every derived figure (tallies, days, jobs, repayments) consistent. */

export interface DemoClock {
  now: Date;
  today: Day;
  timeZone: string;
}

interface WrittenProject {
  spec: ProjectSpec;
  project: Project;
  sme: Sme;
  needs: CompetenceNeed[];
  latestVersion: DiagnosisPaperVersion | null;
}

/** A voting member's place at one session. */
interface Seat {
  key: PersonKey;
  person: Person;
  organisation: OrgKey;
  mode: AttendanceMode;
  proxyHolder: PersonKey | null;
}

interface Tally {
  for: number;
  against: number;
  abstain: number;
}

interface ExaminationContext {
  meeting: Meeting;
  item: AgendaItem;
  seats: Seat[];
  conflicts: ConflictSpec[];
  startedAt: Date;
  elapsedMinutes: number;
}

const PRESCRIBER_RECUSAL = 'Organisation prescriptrice du projet';
const DAY_MS = 86_400_000;

const stamp = (at: Date) => ({ createdAt: at, updatedAt: at });
const daysBefore = (at: Date, days: number) => new Date(at.getTime() - days * DAY_MS);
const fullName = (person: Person) => `${person.firstName} ${person.lastName}`;
const meetingTitle = (day: Day) => `Comité d'agrément du ${frenchDate(day)}`;
const takesPart = (seat: Seat) => seat.mode !== AttendanceMode.EXCUSED;

export class DemoWriter {
  private readonly organisations = new Map<OrgKey, Organisation>();
  private readonly people = new Map<PersonKey, Person>();
  private readonly projects = new Map<string, WrittenProject>();
  private readonly storedFiles = new Map<AttachmentSpec, { key: string; sha256: string }>();
  private readonly sirens = new Set<string>();
  private writtenBasin: Basin | null = null;
  /** The session written last: a session's minutes approval item approves its minutes. */
  private previousMeeting: Meeting | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: DemoClock,
    private readonly rng: Prng,
  ) {}

  // -------------------------------------------------------------------------------------------------------------
  // Lookups

  private get basin(): Basin {
    if (!this.writtenBasin) throw new Error('Write the basin first');
    return this.writtenBasin;
  }

  private organisation(key: OrgKey): Organisation {
    const organisation = this.organisations.get(key);
    if (!organisation) throw new Error(`Unknown demo organisation ${key}`);
    return organisation;
  }

  private person(key: PersonKey): Person {
    const person = this.people.get(key);
    if (!person) throw new Error(`Unknown demo person ${key}`);
    return person;
  }

  private project(key: string): WrittenProject {
    const written = this.projects.get(key);
    if (!written) throw new Error(`Unknown demo project ${key}`);
    return written;
  }

  private at(day: Day, hour: number, minute = 0): Date {
    return atLocalTime(day, hour, minute, this.clock.timeZone);
  }

  /** Whatever the specs say, nothing is dated in the future except the sessions still to come. */
  private past(at: Date, what: string): Date {
    if (at.getTime() >= this.clock.now.getTime()) throw new Error(`Demo data: ${what} would be in the future`);
    return at;
  }

  // -------------------------------------------------------------------------------------------------------------
  // The basin and its people

  /**
   * Stores the attachments' bytes before anything else: the database store queries its table, which may flush the
   * unit of work, and flushing a half-written basin would stamp `updatedAt` on rows that later change.
   */
  async storeAttachments(files: FileStore, projects: readonly ProjectSpec[]): Promise<void> {
    for (const spec of projects) {
      for (const attachment of spec.paper.flatMap((version) => version.attachments ?? [])) {
        this.storedFiles.set(attachment, await files.put(this.em, attachment.content));
      }
    }
  }

  /** The basin, its current triennial convention and the organisations taking part. */
  writeBasin(conventionStart: Day): void {
    const setUp = this.at(addDays(conventionStart, -60), 10);
    this.writtenBasin = this.em.create(Basin, { ...BASIN, ...stamp(setUp) });
    const endsOn = addDays(addMonths(conventionStart, 36), -1);
    const convention = this.em.create(TriennialConvention, {
      basin: this.basin,
      label: `Convention de partenariat ALIZÉ du Valenciennois ${yearOf(conventionStart)}-${yearOf(endsOn)}`,
      startsOn: conventionStart,
      endsOn,
      ...CONVENTION_TARGETS,
      ...stamp(setUp),
    });
    for (const spec of ORGANISATIONS) {
      const { key, ...fields } = spec;
      this.organisations.set(key, this.em.create(Organisation, { basin: this.basin, ...fields, ...stamp(setUp) }));
    }
    this.writeConventionTerms(convention, setUp);
    // one entry a year of the convention, received in its first quarter, for the years begun by today
    for (let index = 0; index < 3; index += 1) {
      const year = yearOf(conventionStart) + index;
      const receivedOn = addDays(addMonths(conventionStart, 12 * index), 45);
      if (receivedOn >= this.clock.today) continue;
      const contribution = (key: OrgKey, amount: number, fields: Partial<Contribution> = {}) => {
        const organisation = this.organisation(key);
        this.em.create(Contribution, {
          basin: this.basin,
          organisation,
          year,
          amount,
          origin: defaultOrigin(organisation.kind),
          label: `Contribution ${year}`,
          receivedOn,
          ...fields,
        });
      };
      for (const [key, amount] of Object.entries(YEARLY_CONTRIBUTIONS) as [OrgKey, number][]) contribution(key, amount);
      for (const other of OTHER_CONTRIBUTIONS.filter((o) => (o.conventionYear ?? index + 1) === index + 1))
        contribution(other.organisation, other.amount, { origin: other.origin, kind: other.kind, label: other.label });
    }
    this.writeTreasury(conventionStart);
  }

  /**
   * The convention's terms as its partners signed them, a month before it began: every funder of the basin is a
   * signatory, committing its yearly contribution and staff days; the budget annex splits the budget by the expected
   * shares and balances it with the uses; the specific objectives follow the targets.
   */
  private writeConventionTerms(convention: TriennialConvention, setUp: Date): void {
    const years = conventionYears(convention);
    let signatory = 0;
    for (const [key, amount] of Object.entries(YEARLY_CONTRIBUTIONS) as [OrgKey, number][]) {
      const organisation = this.organisations.get(key);
      if (!organisation) continue;
      signatory += 1;
      const signedOn = addDays(convention.startsOn, -40 + signatory);
      this.em.create(ConventionPartner, {
        convention,
        organisation,
        commitments: years.map((year) => ({ year, amount, staffDays: YEARLY_STAFF_DAYS[organisation.kind] })),
        signedOn,
        signatoryName: `Représentant légal, ${organisation.name}`,
        signatureRecordedAt: this.at(signedOn, 17),
        ...stamp(setUp),
      });
    }
    convention.signedAt = this.at(addDays(convention.startsOn, -40 + signatory), 17, 30);
    const yearly = convention.targetBudget / 3;
    const shares: Record<ResourceSource, number> = {
      COMPANIES: convention.shareCompanies,
      TERRITORIAL_ACTORS: convention.shareTerritorialActors,
      COLLECTIVITIES: convention.shareCollectivities,
      STATE_AND_CDC: convention.shareStateAndCdc,
    };
    convention.annexResources = years.flatMap((year) =>
      RESOURCE_SOURCES.map((source) => ({ source, year, amount: Math.round((yearly * shares[source]) / 100) })),
    );
    convention.annexUses = years.flatMap((year) =>
      Object.entries(YEARLY_ANNEX_USES).map(([line, amount]) => ({ line, year, amount })),
    );
    CONVENTION_OBJECTIVES.forEach((objective, position) =>
      this.em.create(ConventionObjective, { convention, position, ...objective, ...stamp(setUp) }),
    );
  }

  /**
   * The two accounts: the advances fund endowed on the convention's first day (the money it lends in the demo's
   * history), and the running costs account paid in each January, with the operator's expenses under the yearly cap.
   */
  private writeTreasury(conventionStart: Day): void {
    const today = this.clock.today;
    const movement = (account: TreasuryAccount, kind: TreasuryMovementKind, amount: number, on: Day, label: string) => {
      if (on < today)
        this.em.create(TreasuryMovement, {
          basin: this.basin,
          account,
          kind,
          amount,
          occurredOn: on,
          label,
          ...stamp(this.at(on, 11)),
        });
    };
    const { ADVANCES_FUND, RUNNING_COSTS } = TreasuryAccount;
    const { ENDOWMENT, EXPENSE } = TreasuryMovementKind;
    movement(
      ADVANCES_FUND,
      ENDOWMENT,
      CONVENTION_TARGETS.advancesFundEndowment,
      conventionStart,
      "Dotation initiale du fonds d'avances (collectivités, État, Caisse des dépôts)",
    );
    for (let year = yearOf(conventionStart); year <= yearOf(today); year += 1) {
      movement(RUNNING_COSTS, ENDOWMENT, 10000, `${year}-01-15`, `Frais de fonctionnement ${year}`);
      movement(RUNNING_COSTS, EXPENSE, 1850, `${year}-03-20`, 'Location de salles des comités');
      movement(RUNNING_COSTS, EXPENSE, 2400, `${year}-06-12`, 'Déplacements des mandataires');
      movement(RUNNING_COSTS, EXPENSE, 1200, `${year}-10-08`, 'Impression des dossiers de séance');
    }
  }

  /** Every demo account shares one password hash: hashing is deliberately slow. */
  writePeople(passwordHash: string): void {
    const joined = this.basin.createdAt;
    for (const spec of PEOPLE) {
      const person = this.em.create(Person, {
        email: spec.email,
        firstName: spec.firstName,
        lastName: spec.lastName,
        civility: spec.civility,
        title: spec.title,
        passwordHash,
        locale: 'fr',
        ...stamp(joined),
      });
      this.people.set(spec.key, person);
      for (const role of spec.roles) {
        const organisation = role === Role.SME || !spec.organisation ? null : this.organisation(spec.organisation);
        this.em.create(Membership, { person, basin: this.basin, role, organisation, ...stamp(joined) });
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Projects and their diagnosis papers

  writeProject(spec: ProjectSpec): void {
    if (spec.advanceRequested > this.basin.advanceCap) throw new Error(`${spec.key}: advance above the basin's cap`);
    const prescribedAt = this.past(this.at(spec.prescribedOn, 10), `prescription of ${spec.key}`);
    const prescriberOrganisation = organisationOf(spec.prescriber);
    if (!prescriberOrganisation) throw new Error(`${spec.key}: the prescriber must represent an organisation`);
    const sme = this.em.create(Sme, {
      basin: this.basin,
      siren: newSiren(this.rng, this.sirens),
      name: spec.sme.name,
      sector: spec.sme.sector,
      nafCode: NAF_OF_SECTOR[spec.sme.sector] ?? null,
      town: spec.sme.town,
      headcount: spec.sme.headcount,
      leader: spec.sme.leader ? this.person(spec.sme.leader) : null,
      ...stamp(prescribedAt),
    });
    const project = this.em.create(Project, {
      basin: this.basin,
      sme,
      title: spec.title,
      summary: spec.summary,
      kind: spec.kind,
      status: spec.status,
      prescriber: this.person(spec.prescriber),
      prescriberOrganisation: this.organisation(prescriberOrganisation),
      jobsPlanned: spec.jobsPlanned,
      advanceRequested: spec.advanceRequested,
      ...stamp(prescribedAt),
    });
    const needs = spec.needs.map((need, position) =>
      this.em.create(CompetenceNeed, {
        project,
        position,
        domain: need.domain,
        profile: need.profile,
        estimatedDays: need.days,
        ...stamp(prescribedAt),
      }),
    );
    const latestVersion = this.writePaper(project, spec);
    this.projects.set(spec.key, { spec, project, sme, needs, latestVersion });
  }

  /** Like the diagnosis service, each new version carries its predecessor's attachments over. */
  private writePaper(project: Project, spec: ProjectSpec): DiagnosisPaperVersion | null {
    const first = spec.paper[0];
    if (!first) return null;
    const paper = this.em.create(DiagnosisPaper, {
      project,
      latestVersion: spec.paper.length,
      ...stamp(this.at(addDays(spec.prescribedOn, first.writtenAfterDays), 11)),
    });
    let previous: Attachment[] = [];
    let latest: DiagnosisPaperVersion | null = null;
    spec.paper.forEach((versionSpec, index) => {
      const savedAt = this.past(
        this.at(addDays(spec.prescribedOn, versionSpec.writtenAfterDays), 11),
        `paper of ${spec.key}`,
      );
      const version = this.em.create(DiagnosisPaperVersion, {
        paper,
        number: index + 1,
        title: versionSpec.title,
        changeNote: versionSpec.changeNote ?? '',
        complementary: versionSpec.complementary ?? false,
        author: this.person(spec.prescriber),
        ...stamp(savedAt),
      });
      versionSpec.sections.forEach((section, position) =>
        this.em.create(DiagnosisSection, {
          version,
          position,
          heading: section.heading,
          body: section.body,
          ...stamp(savedAt),
        }),
      );
      const carried = previous.map(({ fileName, mimeType, size, sha256, storageKey }) =>
        this.em.create(Attachment, { version, fileName, mimeType, size, sha256, storageKey, ...stamp(savedAt) }),
      );
      const added = (versionSpec.attachments ?? []).map((file) => this.writeAttachment(version, file, savedAt));
      previous = [...carried, ...added];
      latest = version;
    });
    return latest;
  }

  private writeAttachment(version: DiagnosisPaperVersion, file: AttachmentSpec, at: Date): Attachment {
    const stored = this.storedFiles.get(file);
    if (!stored) throw new Error(`Attachment ${file.fileName} was not stored`);
    return this.em.create(Attachment, {
      version,
      fileName: file.fileName,
      mimeType: file.mimeType,
      size: file.content.length,
      sha256: stored.sha256,
      storageKey: stored.key,
      ...stamp(at),
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Sessions

  /** A session that took place: attendance, every item done, and the committee's decisions with their aftermath. */
  writePastSession(spec: SessionSpec): void {
    const scheduledAt = this.past(this.at(spec.day, spec.hour, spec.minute), `session of ${spec.day}`);
    const openedAt = addMinutes(scheduledAt, this.rng.int(3, 10));
    const meeting = this.em.create(Meeting, {
      basin: this.basin,
      title: meetingTitle(spec.day),
      scheduledAt,
      location: MEETING_LOCATION,
      status: MeetingStatus.CLOSED,
      chair: this.person('chair'),
      openedAt,
      ...stamp(daysBefore(scheduledAt, 30)),
    });
    const seats = this.seats(spec.attendance);
    this.writeAttendance(meeting, seats, (seat) =>
      seat.mode === AttendanceMode.PRESENT ? scheduledAt : daysBefore(scheduledAt, this.rng.int(1, 6)),
    );
    let clock = openedAt;
    spec.items.forEach((itemSpec, position) => {
      const elapsedMinutes = Math.round(itemSpec.minutes * this.rng.between(0.8, 1.2));
      const item = this.writeItem(
        meeting,
        position,
        itemSpec,
        { status: AgendaItemStatus.DONE, elapsedSeconds: elapsedMinutes * 60 },
        clock,
      );
      if (itemSpec.kind === 'EXAMINATION') {
        const conflicts = itemSpec.conflicts ?? [];
        this.writeConflicts(item, conflicts, clock);
        if (itemSpec.examination) {
          this.examine(
            { meeting, item, seats, conflicts, startedAt: clock, elapsedMinutes },
            itemSpec.project,
            itemSpec.examination,
          );
        }
      }
      clock = addMinutes(clock, elapsedMinutes + 1);
    });
    meeting.closedAt = addMinutes(clock, this.rng.int(3, 8));
    this.previousMeeting = meeting;
  }

  /** A session still to come: its agenda, the conflicts and absences already declared. */
  writeComingSession(spec: SessionSpec, status: MeetingStatus.CONVENED | MeetingStatus.PLANNED): void {
    const scheduledAt = this.at(spec.day, spec.hour, spec.minute);
    const now = this.clock.now;
    const meeting = this.em.create(Meeting, {
      basin: this.basin,
      title: meetingTitle(spec.day),
      scheduledAt,
      location: MEETING_LOCATION,
      status,
      chair: this.person('chair'),
      ...stamp(daysBefore(now, status === MeetingStatus.CONVENED ? 12 : 2)),
    });
    const declared = this.seats(spec.attendance).filter((seat) => seat.mode !== AttendanceMode.PRESENT);
    this.writeAttendance(meeting, declared, () => new Date(now.getTime() - this.rng.int(2, 48) * 3_600_000));
    spec.items.forEach((itemSpec, position) => {
      const item = this.writeItem(
        meeting,
        position,
        itemSpec,
        { status: AgendaItemStatus.PENDING, elapsedSeconds: 0 },
        meeting.createdAt,
      );
      if (itemSpec.kind === 'EXAMINATION') this.writeConflicts(item, itemSpec.conflicts ?? [], daysBefore(now, 1));
    });
    this.previousMeeting = meeting;
  }

  private seats(spec: AttendanceSpec): Seat[] {
    const seats = VOTERS.map((key): Seat => {
      const proxy = spec.represented?.find(([absent]) => absent === key);
      const organisation = organisationOf(key);
      if (!organisation) throw new Error(`${key} votes without an organisation`);
      let mode = AttendanceMode.PRESENT;
      if (spec.excused?.includes(key)) mode = AttendanceMode.EXCUSED;
      else if (spec.remote?.includes(key)) mode = AttendanceMode.REMOTE;
      else if (proxy) mode = AttendanceMode.REPRESENTED;
      return { key, person: this.person(key), organisation, mode, proxyHolder: proxy?.[1] ?? null };
    });
    this.checkProxies(seats);
    return seats;
  }

  private checkProxies(seats: Seat[]): void {
    const carried = new Map<PersonKey, number>();
    for (const seat of seats) {
      if (!seat.proxyHolder) continue;
      const holder = seats.find((s) => s.key === seat.proxyHolder);
      if (!holder || holder.mode !== AttendanceMode.PRESENT || holder.organisation === seat.organisation) {
        throw new Error(`${seat.key} cannot be represented by ${seat.proxyHolder}`);
      }
      carried.set(holder.key, (carried.get(holder.key) ?? 0) + 1);
      if ((carried.get(holder.key) ?? 0) > this.basin.maxProxiesPerMember) {
        throw new Error(`${holder.key} carries too many proxies`);
      }
    }
  }

  private writeAttendance(meeting: Meeting, seats: Seat[], declaredAt: (seat: Seat) => Date): void {
    for (const seat of seats) {
      const at = declaredAt(seat);
      this.em.create(Attendance, {
        meeting,
        person: seat.person,
        mode: seat.mode,
        proxyHolder: seat.proxyHolder ? this.person(seat.proxyHolder) : null,
        declaredAt: at,
        ...stamp(at),
      });
    }
  }

  /** A done examination shows the paper version the session froze: the latest one when it was held. */
  private writeItem(
    meeting: Meeting,
    position: number,
    spec: ItemSpec,
    progress: { status: AgendaItemStatus; elapsedSeconds: number },
    at: Date,
  ): AgendaItem {
    const base = { meeting, position, allottedMinutes: spec.minutes, ...progress, ...stamp(at) };
    switch (spec.kind) {
      case 'MINUTES':
        return this.em.create(AgendaItem, {
          ...base,
          kind: AgendaItemKind.MINUTES_APPROVAL,
          title: spec.title,
          minutesOf: this.previousMeeting,
        });
      case 'INFORMATION':
        return this.em.create(AgendaItem, { ...base, kind: AgendaItemKind.INFORMATION, title: spec.title });
      case 'FOLLOW_UP':
        return this.em.create(AgendaItem, {
          ...base,
          kind: AgendaItemKind.FOLLOW_UP_REVIEW,
          title: spec.title,
          project: this.project(spec.project).project,
        });
      case 'EXAMINATION': {
        const { project, sme, latestVersion } = this.project(spec.project);
        return this.em.create(AgendaItem, {
          ...base,
          kind: AgendaItemKind.PROJECT_EXAMINATION,
          title: `${sme.name} — ${project.title}`,
          project,
          paperVersion: progress.status === AgendaItemStatus.DONE ? latestVersion : null,
        });
      }
    }
  }

  private writeConflicts(item: AgendaItem, conflicts: ConflictSpec[], at: Date): void {
    for (const conflict of conflicts) {
      this.em.create(ConflictOfInterest, {
        agendaItem: item,
        person: this.person(conflict.person),
        reason: conflict.reason,
        ...stamp(at),
      });
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Examination: recusals, pledges, vote, decision, then what the decision sets in motion

  private examine(context: ExaminationContext, projectKey: string, spec: ExaminationSpec): void {
    const written = this.project(projectKey);
    const { seats, startedAt, elapsedMinutes } = context;
    const recusals = this.recusals(written, seats, context.conflicts);
    const electorate = seats.filter((seat) => takesPart(seat) && !recusals.has(seat.key));
    const pledges = this.writePledges(
      written,
      context.item,
      spec.pledges ?? [],
      seats,
      addMinutes(startedAt, elapsedMinutes / 2),
    );
    const tally = tallyOf(spec.vote, electorate.length);
    // the basin's own majority rule decides, as at a live ballot
    const result = ballotResult(this.basin.majorityRule, tally);
    const expected = spec.outcome === DecisionOutcome.REJECTED ? BallotResult.REJECTED : BallotResult.ADOPTED;
    if (result !== expected) throw new Error(`${projectKey}: a ${result} vote cannot make a ${spec.outcome} decision`);
    const mandatary = spec.mandatary ? this.person(spec.mandatary) : null;
    if (spec.outcome === DecisionOutcome.APPROVED && !mandatary)
      throw new Error(`${projectKey}: approved without a mandatary`);
    const advanceAmount = spec.advance?.amount ?? 0;
    if (advanceAmount > this.basin.advanceCap) throw new Error(`${projectKey}: advance above the basin's cap`);

    const proposedAdvance =
      spec.outcome === DecisionOutcome.DEFERRED ? null : advanceAmount || written.project.advanceRequested || null;
    const voteOpenedAt = addMinutes(startedAt, Math.round(elapsedMinutes * 0.75));
    const voteClosedAt = addMinutes(voteOpenedAt, 4);
    // A show of hands is recorded as what it is: a named vote, each hand seen by the room.
    const ballot = this.writeBallot({
      item: context.item,
      kind: spec.vote.kind === 'SHOW_OF_HANDS' ? BallotKind.NAMED : spec.vote.kind,
      motion: spec.vote.motion ?? approvalMotion(written, proposedAdvance ?? 0, mandatary),
      proposedAdvance,
      proposedMandatary: mandatary,
      electorate,
      recused: [...recusals.keys()].map((key) => this.person(key).id),
      tally,
      result,
      openedAt: voteOpenedAt,
      closedAt: voteClosedAt,
    });
    const decidedAt = this.past(addMinutes(voteClosedAt, 1), `decision on ${projectKey}`);
    const attendance = seats.map((seat) => ({
      personId: seat.person.id,
      mode: seat.mode,
      proxyHolderId: seat.proxyHolder ? this.person(seat.proxyHolder).id : null,
    }));
    const committee = seats.map((seat) => ({
      personId: seat.person.id,
      organisationId: this.organisation(seat.organisation).id,
    }));
    const quorum = computeQuorum(this.basin.quorumBasis, this.basin.quorumPercent, committee, attendance);
    if (!quorum.reached) throw new Error(`${projectKey}: decided without a quorum`);
    const trace = decisionTrace({
      meetingId: context.meeting.id,
      quorum,
      attendance,
      ballot,
      pledges: pledges.map((p) => ({
        organisation: p.organisation.getEntity().name,
        domain: p.domain,
        profile: p.profile,
        days: p.days,
        expertName: p.expertName ?? null,
      })),
      paperVersionId: context.item.paperVersion?.id ?? null,
    });
    const decision = this.em.create(Decision, {
      project: written.project,
      agendaItem: context.item,
      ballot,
      outcome: spec.outcome,
      advanceAmount,
      mandatary,
      reasons: spec.reasons,
      trace,
      recordedBy: this.person('operator'),
      decidedAt,
      ...stamp(decidedAt),
    });
    this.applyDecision(written, spec, decision, mandatary, pledges);
  }

  /** Members who do not vote on this item: the prescriber's organisation, and whoever declared a conflict. */
  private recusals(written: WrittenProject, seats: Seat[], conflicts: ConflictSpec[]): Map<PersonKey, string> {
    const prescriberOrganisation = organisationOf(written.spec.prescriber);
    const recused = new Map<PersonKey, string>();
    for (const seat of seats.filter(takesPart)) {
      const conflict = conflicts.find((c) => c.person === seat.key);
      if (conflict) recused.set(seat.key, conflict.reason);
      else if (seat.organisation === prescriberOrganisation) recused.set(seat.key, PRESCRIBER_RECUSAL);
    }
    return recused;
  }

  private writePledges(
    written: WrittenProject,
    item: AgendaItem,
    specs: PledgeSpec[],
    seats: Seat[],
    at: Date,
  ): Pledge[] {
    const decisionDay = this.clockDay(at);
    return specs.map((spec) => {
      const need = written.needs[spec.need];
      if (!need) throw new Error(`${written.spec.key}: no need #${spec.need}`);
      const by = spec.by ?? PLEDGER[spec.organisation];
      const seat = seats.find((s) => s.key === by);
      if (
        !seat ||
        (seat.mode !== AttendanceMode.PRESENT && seat.mode !== AttendanceMode.REMOTE) ||
        seat.organisation !== spec.organisation
      ) {
        throw new Error(`${written.spec.key}: ${by} cannot pledge for ${spec.organisation} at this session`);
      }
      return this.em.create(Pledge, {
        project: written.project,
        agendaItem: item,
        organisation: this.organisation(spec.organisation),
        need,
        domain: need.domain,
        profile: need.profile,
        days: spec.days,
        periodStart: addDays(decisionDay, 15),
        periodEnd: addMonths(decisionDay, 12),
        expertName: spec.expertName ?? null,
        pledgedBy: seat.person,
        ...stamp(at),
      });
    });
  }

  private clockDay(at: Date): Day {
    return dayIn(at, this.clock.timeZone);
  }

  private writeBallot(input: {
    item: AgendaItem;
    kind: BallotKind;
    motion: string;
    proposedAdvance: number | null;
    proposedMandatary: Person | null;
    electorate: Seat[];
    recused: string[];
    tally: Tally;
    result: BallotResult;
    openedAt: Date;
    closedAt: Date;
  }): Ballot {
    const ballot = this.em.create(Ballot, {
      agendaItem: input.item,
      kind: input.kind,
      status: BallotStatus.CLOSED,
      motion: input.motion,
      proposedAdvance: input.proposedAdvance,
      proposedMandatary: input.proposedMandatary,
      majorityRule: this.basin.majorityRule,
      allowVoteChange: this.basin.allowVoteChange,
      electorate: input.electorate.map((s) => s.person.id),
      recused: input.recused,
      forCount: input.tally.for,
      againstCount: input.tally.against,
      abstainCount: input.tally.abstain,
      result: input.result,
      openedAt: input.openedAt,
      closedAt: input.closedAt,
      ...stamp(input.openedAt),
    });
    const choices = [
      ...Array<VoteChoice>(input.tally.for).fill(VoteChoice.FOR),
      ...Array<VoteChoice>(input.tally.against).fill(VoteChoice.AGAINST),
      ...Array<VoteChoice>(input.tally.abstain).fill(VoteChoice.ABSTAIN),
    ];
    // The chair votes first (and for); the others in random order, so the choices are not tied to the member list.
    const chair = input.electorate.filter((s) => s.key === 'chair');
    const voters = [...chair, ...this.rng.shuffle(input.electorate.filter((s) => s.key !== 'chair'))].slice(
      0,
      choices.length,
    );
    if (voters.length !== choices.length) throw new Error(`demo ballot "${input.motion}": more votes than voters`);
    ballot.castCount = voters.length;
    const secret = input.kind === BallotKind.SECRET;
    // every participation carries the opening minute, as the live vote does: no row keeps the order of the votes
    const at = new Date(Math.floor(input.openedAt.getTime() / 60_000) * 60_000);
    voters.forEach((seat, index) => {
      this.em.create(BallotParticipation, {
        ballot,
        voter: seat.person,
        castBy: seat.proxyHolder ? this.person(seat.proxyHolder) : seat.person,
        choice: secret ? null : (choices[index] ?? null),
        ...stamp(at),
      });
    });
    // A secret ballot keeps only its totals (set on the ballot above): no row links a choice to a participation.
    return ballot;
  }

  private applyDecision(
    written: WrittenProject,
    spec: ExaminationSpec,
    decision: Decision,
    mandatary: Person | null,
    pledges: Pledge[],
  ): void {
    const { project } = written;
    if (spec.outcome === DecisionOutcome.DEFERRED) {
      project.status = ProjectStatus.DEFERRED;
      return;
    }
    project.decidedAt = decision.decidedAt;
    if (spec.outcome === DecisionOutcome.REJECTED) {
      project.status = ProjectStatus.REJECTED;
      return;
    }
    project.status = ProjectStatus.APPROVED;
    project.mandatary = mandatary ? ref(mandatary) : null;
    if (spec.advance) this.writeAdvance(written, decision, spec.advance);
    if (mandatary) this.writeReports(written, decision, mandatary, pledges, spec.reports ?? []);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Advances and follow-up

  private writeAdvance(written: WrittenProject, decision: Decision, spec: AdvanceSpec): void {
    const decisionDay = this.clockDay(decision.decidedAt);
    const disbursedOn = spec.disbursedAfterDays === null ? null : addDays(decisionDay, spec.disbursedAfterDays);
    if (disbursedOn && disbursedOn >= this.clock.today) throw new Error(`${written.spec.key}: disbursed in the future`);
    const advance = this.em.create(Advance, {
      project: written.project,
      decision,
      amount: spec.amount,
      status: AdvanceStatus.GRANTED,
      disbursedOn,
      deferralMonths: spec.deferralMonths,
      durationMonths: spec.durationMonths,
      frequency: spec.frequency,
      ...stamp(decision.decidedAt),
    });
    // The schedule is drawn up at disbursement: a granted advance awaiting its convention has none yet.
    if (!disbursedOn) return;
    // the schedule the product draws up at disbursement, by the same rule
    const schedule = repaymentSchedule({
      amount: spec.amount,
      startsOn: disbursedOn,
      deferralMonths: spec.deferralMonths,
      durationMonths: spec.durationMonths,
      frequency: spec.frequency,
    });
    const paid = this.payments(schedule, spec, disbursedOn);
    schedule.forEach((instalment, index) => {
      const payment = paid[index];
      this.em.create(RepaymentInstalment, {
        advance,
        number: index + 1,
        dueOn: instalment.dueOn,
        amount: instalment.amount,
        paidAmount: payment?.amount ?? 0,
        ...stamp(this.at(disbursedOn, 12)),
      });
      if (payment) {
        this.em.create(Repayment, {
          advance,
          paidOn: payment.paidOn,
          amount: payment.amount,
          recordedBy: this.person('operator'),
          ...stamp(this.at(payment.paidOn, 15)),
        });
      }
    });
    const repaid = paid.reduce((sum, p) => sum + (p?.amount ?? 0), 0);
    if (spec.behaviour === 'DEFAULTED') {
      advance.status = AdvanceStatus.DEFAULTED;
      advance.lossAmount = spec.amount - repaid;
      const declared = addMonths(disbursedOn, (spec.defaultAfterMonths ?? 0) + 4);
      advance.defaultedOn = declared < this.clock.today ? declared : addDays(this.clock.today, -1);
    } else {
      advance.status = repaid === spec.amount ? AdvanceStatus.REPAID : AdvanceStatus.DISBURSED;
    }
  }

  /** What was paid on each instalment, if anything: only days strictly before today count as past. */
  private payments(
    schedule: PlannedInstalment[],
    spec: AdvanceSpec,
    disbursedOn: Day,
  ): ({ amount: number; paidOn: Day } | null)[] {
    const today = this.clock.today;
    const planned = schedule.map((instalment) => {
      const paidOn = addDays(instalment.dueOn, this.rng.int(-3, 6));
      return instalment.dueOn < today && paidOn < today ? { amount: instalment.amount, paidOn } : null;
    });
    if (spec.behaviour === 'DEFAULTED') {
      const lastPaid = addMonths(disbursedOn, spec.defaultAfterMonths ?? 0);
      return planned.map((p, i) => ((schedule[i]?.dueOn ?? '') <= lastPaid ? p : null));
    }
    if (spec.behaviour === 'LATE') {
      const due = schedule.filter((instalment) => instalment.dueOn < today).length;
      return planned.map((p, i) => {
        if (i >= due - 2) return null;
        if (i === due - 3 && p) return { amount: Math.floor(p.amount / 2), paidOn: p.paidOn };
        return p;
      });
    }
    return planned;
  }

  private writeReports(
    written: WrittenProject,
    decision: Decision,
    mandatary: Person,
    pledges: Pledge[],
    reports: ReportSpec[],
  ): void {
    const { project } = written;
    const decisionDay = this.clockDay(decision.decidedAt);
    for (const report of reports) {
      const dueOn = addMonths(decisionDay, report.monthsAfterDecision);
      const submittedAt = this.at(addDays(dueOn, this.rng.int(2, 9)), 17, 30);
      if (submittedAt.getTime() >= this.clock.now.getTime()) break;
      const deliveredDays: Record<string, number> = {};
      for (const pledge of pledges) {
        const days = Math.min(halfDays(pledge.days * report.delivered), pledge.days - pledge.daysDelivered);
        if (days <= 0) continue;
        deliveredDays[pledge.id] = days;
        pledge.daysDelivered += days;
      }
      this.em.create(FollowUpReport, {
        project,
        author: mandatary,
        monthsAfterDecision: report.monthsAfterDecision,
        dueOn,
        submittedAt,
        hiresMade: report.hiresMade,
        jobsPreserved: report.jobsPreserved,
        revenue: report.revenue ?? null,
        difficulties: report.difficulties,
        newInterventionRequest: report.newInterventionRequest ?? null,
        deliveredDays,
        closing: report.closing ?? false,
        ...stamp(submittedAt),
      });
      project.jobsCreated += report.hiresMade;
      project.jobsPreserved = report.jobsPreserved;
      project.status = report.closing ? ProjectStatus.CLOSED : ProjectStatus.FOLLOW_UP;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

function tallyOf(vote: VoteSpec, voters: number): Tally {
  const tally =
    'against' in vote
      ? { for: voters - vote.against - vote.abstain, against: vote.against, abstain: vote.abstain }
      : { for: vote.inFavour, against: voters - vote.inFavour - vote.abstain, abstain: vote.abstain };
  if (tally.for < 0 || tally.against < 0)
    throw new Error(`A tally of ${JSON.stringify(vote)} needs more than ${voters} voters`);
  return tally;
}

function approvalMotion(written: WrittenProject, advance: number, mandatary: Person | null): string {
  const parts = [`Approuver le projet « ${written.project.title} » de ${written.sme.name}`];
  if (advance) parts.push(`avec une avance remboursable de ${euros(advance)}`);
  if (mandatary) parts.push(`et désigner ${fullName(mandatary)} comme mandataire`);
  return `${parts.join(' ')}.`;
}
