import { type EntityManager, ref } from '@mikro-orm/core';
import { Basin } from '../basin/basin.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { Decision, DecisionOutcome } from '../decision/decision.entity.js';
import { Advance } from '../advance/advance.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { AgendaItem, AgendaItemKind } from '../meeting/agenda-item.entity.js';
import { draftMinutes, readerOf } from '../minutes/minutes-draft.js';
import { MinutesStatus } from '../minutes/minutes.entity.js';
import { stampAuditHead } from '../minutes/minutes.service.js';
import { generateConvention } from '../cooperation/convention.service.js';
import { SignatureStatus } from '../cooperation/convention.entity.js';
import { addDays, type Day, dayIn } from './demo-tools.js';

/** Approvals more recent than this still wait for their signatures in the demo. */
const SIGNING_DAYS = 45;

/**
 * The demo's documents, drafted by the same code as live sessions: minutes for every closed session — approved by
 * the next session's minutes approval item when that session has taken place, drafts otherwise — and a convention
 * for every approved project, signed by every party unless the approval is recent. Idempotent: what exists stays.
 * The sessions are read through a manager that is never flushed, and each document gets its final values (and the
 * demo's dates) before it is written, so nothing else of the basin is rewritten.
 */
export async function writeDemoDocuments(em: EntityManager, basinSlug: string, now: Date): Promise<void> {
  const reader = await readerOf(em);
  const basin = await reader.findOneOrFail(Basin, { slug: basinSlug });
  const today: Day = dayIn(now, basin.timezone);
  const meetings = await reader.find(Meeting, { basin }, { orderBy: { scheduledAt: 'asc' } });
  const approvals = await reader.find(AgendaItem, {
    meeting: { basin },
    kind: AgendaItemKind.MINUTES_APPROVAL,
    minutesOf: { $ne: null },
  });
  for (const meeting of meetings.filter((m) => m.status === MeetingStatus.CLOSED)) {
    const minutes = await draftMinutes(em, meeting.id);
    if (minutes.createdAt.getTime() < now.getTime()) continue; // written by an earlier run
    const closedAt = meeting.closedAt ?? meeting.scheduledAt;
    minutes.createdAt = closedAt;
    minutes.updatedAt = closedAt;
    const approval = approvals.find((item) => item.minutesOf?.id === meeting.id);
    const approver = approval && meetings.find((m) => m.id === approval.meeting.id);
    if (approver?.status === MeetingStatus.CLOSED) {
      const approvedAt = new Date((approver.openedAt ?? approver.scheduledAt).getTime() + 8 * 60_000);
      minutes.status = MinutesStatus.APPROVED;
      minutes.approvedAt = approvedAt;
      minutes.approvedInMeeting = ref(em.getReference(Meeting, approver.id));
      minutes.updatedAt = approvedAt;
      await stampAuditHead(em, minutes);
    }
  }

  const operator = await reader.findOne(Membership, { basin, role: Role.OPERATOR }, { orderBy: { createdAt: 'asc' } });
  const decisions = await reader.find(
    Decision,
    { project: { basin }, outcome: DecisionOutcome.APPROVED },
    { orderBy: { decidedAt: 'asc' } },
  );
  const advances = await reader.find(Advance, { decision: { $in: decisions.map((d) => d.id) } });
  for (const decision of decisions) {
    const { convention, signatures } = await generateConvention(em, decision);
    if (convention.createdAt.getTime() < now.getTime()) continue; // written by an earlier run
    convention.createdAt = decision.decidedAt;
    convention.updatedAt = decision.decidedAt;
    const decidedOn = dayIn(decision.decidedAt, basin.timezone);
    const disbursedOn = advances.find((a) => a.decision.id === decision.id)?.disbursedOn ?? null;
    // Signed before the advance went out (the convention comes first), or within a month without an advance.
    const signedBy = disbursedOn ?? (addDays(decidedOn, SIGNING_DAYS) <= today ? addDays(decidedOn, 30) : null);
    for (const signature of signatures) {
      signature.createdAt = decision.decidedAt;
      signature.updatedAt = decision.decidedAt;
      if (!signedBy || !operator) continue;
      const planned = addDays(decidedOn, 5 + 2 * signature.position);
      const latest = addDays(signedBy, -1);
      const signedOn = [planned, latest].sort()[0]! < decidedOn ? decidedOn : [planned, latest].sort()[0]!;
      const at = new Date(`${signedOn}T16:00:00Z`);
      signature.status = SignatureStatus.SIGNED;
      signature.signedOn = signedOn;
      signature.recordedAt = at;
      signature.recordedBy = ref(em.getReference(Person, operator.person.id));
      signature.updatedAt = at;
    }
  }
}
