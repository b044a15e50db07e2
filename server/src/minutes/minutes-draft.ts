import type { EntityManager } from '@mikro-orm/core';
import { Basin } from '../basin/basin.entity.js';
import { Person } from '../person/person.entity.js';
import { Membership, COMMITTEE_ROLES } from '../person/membership.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { Project } from '../project/project.entity.js';
import { Sme } from '../sme/sme.entity.js';
import { Pledge } from '../pledge/pledge.entity.js';
import { Decision } from '../decision/decision.entity.js';
import { DiagnosisPaperVersion } from '../diagnosis/diagnosis-paper.entity.js';
import { Meeting } from '../meeting/meeting.entity.js';
import { AgendaItem, UNTREATED_AT_CLOSE } from '../meeting/agenda-item.entity.js';
import { Attendance } from '../meeting/attendance.entity.js';
import { meetingQuorum } from '../meeting/live-session.service.js';
import { Ballot, BallotKind, BallotParticipation, BallotStatus, ConflictOfInterest } from '../ballot/ballot.entity.js';
import { Minutes, MinutesStatus } from './minutes.entity.js';
import type { MinutesAttendance, MinutesContent, MinutesItem, MinutesRecusal } from './minutes-content.js';
import { NBSP, agreed, elide, frenchDate, frenchTime, fullName, typeset } from './french.js';

const PRESCRIBER_RECUSAL = 'Organisation prescriptrice du projet';
const CONFLICT_RECUSAL = "Conflit d'intérêts déclaré";

/**
 * Reads everything the minutes record of a session: the committee's attendance (modes and proxies) and quorum, and
 * for each item its paper version, pledges, closed ballots (a secret ballot keeps its totals only: no name is ever
 * read for it), recusals and decision.
 */
export async function minutesContent(em: EntityManager, meeting: Meeting): Promise<MinutesContent> {
  const basin = await em.findOneOrFail(Basin, meeting.basin.id);
  const items = await em.find(AgendaItem, { meeting }, { orderBy: { position: 'asc' } });
  const itemIds = items.map((i) => i.id);
  const attendance = await em.find(Attendance, { meeting });
  const memberships = await em.find(
    Membership,
    { basin, role: { $in: [...COMMITTEE_ROLES] }, organisation: { $ne: null } },
    { orderBy: { role: 'asc' } },
  );
  const ballots = await em.find(
    Ballot,
    { agendaItem: { $in: itemIds }, status: BallotStatus.CLOSED },
    { orderBy: { closedAt: 'asc', openedAt: 'asc' } },
  );
  const named = ballots.filter((b) => b.kind === BallotKind.NAMED).map((b) => b.id);
  const participations = named.length ? await em.find(BallotParticipation, { ballot: { $in: named } }) : [];
  const conflicts = await em.find(ConflictOfInterest, { agendaItem: { $in: itemIds } });
  const pledges = await em.find(
    Pledge,
    { agendaItem: { $in: itemIds }, withdrawn: false },
    { orderBy: { createdAt: 'asc' } },
  );
  const decisions = await em.find(Decision, { agendaItem: { $in: itemIds } }, { orderBy: { decidedAt: 'asc' } });

  const personIds = new Set<string>([
    ...memberships.map((m) => m.person.id),
    ...attendance.flatMap((a) => [a.person.id, a.proxyHolder?.id ?? '']),
    ...ballots.flatMap((b) => b.recused),
    ...participations.flatMap((p) => [p.voter.id, p.castBy.id]),
    ...conflicts.map((c) => c.person.id),
    ...decisions.map((d) => d.mandatary?.id ?? ''),
    meeting.chair?.id ?? '',
    meeting.presidedBy?.id ?? '',
  ]);
  personIds.delete('');
  const people = new Map((await em.find(Person, { id: { $in: [...personIds] } })).map((p) => [p.id, p]));
  const nameOf = (id: string | null | undefined) => {
    const person = id ? people.get(id) : undefined;
    return person ? fullName(person) : '—';
  };
  const civilityOf = (id: string | null | undefined) => (id ? (people.get(id)?.civility ?? null) : null);
  const organisations = new Map(
    (await em.find(Organisation, { basin })).map((o) => [o.id, o.name] as [string, string]),
  );
  const seatOrganisation = new Map<string, string>();
  for (const m of memberships) {
    if (m.organisation && !seatOrganisation.has(m.person.id)) seatOrganisation.set(m.person.id, m.organisation.id);
  }
  const organisationOf = (personId: string) => organisations.get(seatOrganisation.get(personId) ?? '') ?? '—';

  const seats: MinutesAttendance[] = [...seatOrganisation.keys()].map((personId) => {
    const declared = attendance.find((a) => a.person.id === personId);
    return {
      personId,
      name: nameOf(personId),
      organisation: organisationOf(personId),
      mode: declared?.mode ?? null,
      proxyHolder: declared?.proxyHolder ? nameOf(declared.proxyHolder.id) : null,
      civility: civilityOf(personId),
    };
  });
  seats.sort((x, y) => x.organisation.localeCompare(y.organisation, 'fr') || x.name.localeCompare(y.name, 'fr'));

  const projectIds = items.map((i) => i.project?.id).filter((id): id is string => !!id);
  const projects = new Map((await em.find(Project, { id: { $in: projectIds } })).map((p) => [p.id, p]));
  const smes = new Map(
    (await em.find(Sme, { id: { $in: [...projects.values()].map((p) => p.sme.id) } })).map((s) => [s.id, s]),
  );
  const versionIds = items.map((i) => i.paperVersion?.id).filter((id): id is string => !!id);
  const versions = new Map(
    (await em.find(DiagnosisPaperVersion, { id: { $in: versionIds } })).map((v) => [v.id, v.number]),
  );
  const approvedIds = items.map((i) => i.minutesOf?.id).filter((id): id is string => !!id);
  const approvedMeetings = new Map((await em.find(Meeting, { id: { $in: approvedIds } })).map((m) => [m.id, m]));
  // counted, not loaded: minutes written earlier in the same unit of work stay as they are
  const approvedMinutes = new Set<string>();
  for (const id of approvedIds) {
    if (await em.count(Minutes, { meeting: id, status: MinutesStatus.APPROVED })) approvedMinutes.add(id);
  }

  const recusalsOf = (item: AgendaItem, itemBallots: Ballot[]): MinutesRecusal[] => {
    const project = item.project ? projects.get(item.project.id) : undefined;
    const itemConflicts = conflicts.filter((c) => c.agendaItem.id === item.id);
    const ids = new Set([...itemBallots.flatMap((b) => b.recused), ...itemConflicts.map((c) => c.person.id)]);
    return [...ids].map((personId) => {
      const conflict = itemConflicts.find((c) => c.person.id === personId);
      const prescribing = project && seatOrganisation.get(personId) === project.prescriberOrganisation.id;
      return {
        name: nameOf(personId),
        organisation: organisationOf(personId),
        reason: conflict?.reason.trim() || (prescribing ? PRESCRIBER_RECUSAL : CONFLICT_RECUSAL),
      };
    });
  };

  const minutesItems: MinutesItem[] = items.map((item) => {
    const project = item.project ? projects.get(item.project.id) : undefined;
    const itemBallots = ballots.filter((b) => b.agendaItem.id === item.id);
    const decision = decisions.filter((d) => d.agendaItem?.id === item.id).pop();
    const approved = item.minutesOf ? approvedMeetings.get(item.minutesOf.id) : undefined;
    return {
      agendaItemId: item.id,
      position: item.position,
      kind: item.kind,
      title: item.title,
      status: item.status,
      deferralReason: item.deferralReason ?? null,
      projectTitle: project?.title ?? null,
      smeName: project ? (smes.get(project.sme.id)?.name ?? null) : null,
      paperVersion: item.paperVersion ? (versions.get(item.paperVersion.id) ?? null) : null,
      pledges: pledges
        .filter((p) => p.agendaItem?.id === item.id)
        .map((p) => ({
          organisation: organisations.get(p.organisation.id) ?? '—',
          domain: p.domain,
          profile: p.profile,
          days: p.days,
          expertName: p.expertName ?? null,
        })),
      ballots: itemBallots.map((b) => ({
        kind: b.kind,
        motion: b.motion,
        majorityRule: b.majorityRule,
        forCount: b.forCount,
        againstCount: b.againstCount,
        abstainCount: b.abstainCount,
        eligible: b.electorate.length,
        result: b.result ?? null,
        // A secret ballot never links a member to a choice: only its totals are read, above.
        votes:
          b.kind === BallotKind.SECRET
            ? null
            : participations
                .filter((p) => p.ballot.id === b.id && p.choice)
                .map((p) => ({
                  name: nameOf(p.voter.id),
                  choice: p.choice!,
                  proxyHolder: p.castBy.id === p.voter.id ? null : nameOf(p.castBy.id),
                }))
                .sort((x, y) => x.name.localeCompare(y.name, 'fr')),
      })),
      recusals: recusalsOf(item, itemBallots),
      decision: decision
        ? {
            outcome: decision.outcome,
            advanceAmount: decision.advanceAmount,
            mandatary: decision.mandatary ? nameOf(decision.mandatary.id) : null,
            reasons: decision.reasons,
          }
        : null,
      minutesOf: approved
        ? {
            meetingId: approved.id,
            title: approved.title,
            scheduledAt: approved.scheduledAt.toISOString(),
            approved: approvedMinutes.has(approved.id),
          }
        : null,
    };
  });

  const quorum = await meetingQuorum(em, meeting);
  const presiding = meeting.presidedBy?.id ?? meeting.chair?.id ?? null;
  return {
    basinName: basin.name,
    timeZone: basin.timezone,
    title: meeting.title,
    scheduledAt: meeting.scheduledAt.toISOString(),
    location: meeting.location,
    openedAt: meeting.openedAt?.toISOString() ?? null,
    closedAt: meeting.closedAt?.toISOString() ?? null,
    chair: presiding ? nameOf(presiding) : null,
    chairCivility: civilityOf(presiding),
    absentChair: meeting.chair && presiding && presiding !== meeting.chair.id ? nameOf(meeting.chair.id) : null,
    openingReason: meeting.openingReason ?? null,
    attendance: seats,
    quorum: { ...quorum, percent: basin.quorumPercent },
    items: minutesItems,
  };
}

/** The opening and closing sentences of a draft, for the operator to edit: they say what happened. */
function draftTexts(content: MinutesContent): { introduction: string; conclusion: string } {
  const tz = content.timeZone;
  const opened = content.openedAt ?? content.scheduledAt;
  const place = content.location ? `, ${content.location}` : '';
  const chair = !content.chair
    ? ''
    : content.absentChair
      ? `, sous la présidence ${elide('de', content.chair)}, ${agreed('vicePresident', content.chairCivility).toLowerCase()} du comité, en l'absence ${elide('de', content.absentChair)}`
      : `, sous la présidence ${elide('de', content.chair)}`;
  const rescheduled = content.openingReason
    ? ` La séance, prévue le ${frenchDate(content.scheduledAt, tz)}, s'est tenue ce jour pour le motif suivant${NBSP}: ${content.openingReason}`
    : '';
  const introduction =
    `Le comité d'agrément du bassin ${content.basinName} s'est réuni le ${frenchDate(opened, tz)}` +
    `${place}${chair}.${rescheduled}${rescheduled && !/[.!?]$/.test(rescheduled) ? '.' : ''}` +
    ` La séance est ouverte à ${frenchTime(opened, tz)}.`;
  const untreated = content.items
    .filter((i) => i.deferralReason === UNTREATED_AT_CLOSE)
    .map((i) => `«${NBSP}${i.title}${NBSP}»`);
  const closing = content.closedAt
    ? `la séance est levée à ${frenchTime(content.closedAt, tz)}`
    : 'la séance est levée';
  const conclusion = untreated.length
    ? `${untreated.length > 1 ? "Les points suivants n'ayant pu être examinés sont reportés" : "Le point suivant n'ayant pu être examiné est reporté"} ` +
      `à une séance ultérieure${NBSP}: ${untreated.join(' ; ')}. Sur ce, ${closing}.`
    : `L'ordre du jour étant épuisé, ${closing}.`;
  // official text: French typography throughout (typographic apostrophes, no-break spaces)
  return { introduction: typeset(introduction), conclusion: typeset(conclusion) };
}

/**
 * A manager that reads in `em`'s transaction (what it has written included) but is never flushed: drafting reads
 * much of the basin, which the writer's identity map need not carry.
 */
export async function readerOf(em: EntityManager): Promise<EntityManager> {
  await em.flush();
  return em.fork({ keepTransactionContext: true, clear: true });
}

/**
 * Drafts the minutes of a session that has just closed (called inside `closeMeeting`'s transaction, and by the
 * demo seeder). A session has one set of minutes: an existing one is returned as it is.
 */
export async function draftMinutes(em: EntityManager, meetingId: string): Promise<Minutes> {
  if (await em.count(Minutes, { meeting: meetingId })) return em.findOneOrFail(Minutes, { meeting: meetingId });
  const reader = await readerOf(em);
  const content = await minutesContent(reader, await reader.findOneOrFail(Meeting, meetingId));
  return em.create(Minutes, { meeting: em.getReference(Meeting, meetingId), content, ...draftTexts(content) });
}
