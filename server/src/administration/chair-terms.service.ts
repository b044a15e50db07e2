import type { EntityManager } from '@mikro-orm/core';
import { AppError, ErrorCode, notFound } from '../errors.js';
import { Basin } from '../basin/basin.entity.js';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity.js';
import { OrganisationKind, type Organisation } from '../organisation/organisation.entity.js';
import { Membership, Role } from '../person/membership.entity.js';
import { Person } from '../person/person.entity.js';
import { ChairOffice, ChairTerm } from './chair-term.entity.js';
import { recordNativeWrites } from '../audit/audit.subscriber.js';

const roleOf = (office: ChairOffice): Role => (office === ChairOffice.CHAIR ? Role.CHAIR : Role.VICE_CHAIR);
export const officeOf = (role: Role): ChairOffice | null =>
  role === Role.CHAIR ? ChairOffice.CHAIR : role === Role.VICE_CHAIR ? ChairOffice.VICE_CHAIR : null;

/**
 * The membership through which a person sits on the committee for a partner company that is not archived:
 * NOT_FOUND when the person has no role in the basin, CHAIR_NOT_PARTNER_REPRESENTATIVE when they are not such a member.
 */
async function servingPartnerMember(tem: EntityManager, basinId: string, personId: string): Promise<Organisation> {
  const memberships = await tem.find(Membership, { person: personId, basin: basinId }, { populate: ['organisation'] });
  if (memberships.length === 0) throw notFound('Person');
  const organisation = memberships.find((m) => m.role === Role.MEMBER)?.organisation?.getEntity();
  if (!organisation || organisation.kind !== OrganisationKind.PARTNER_COMPANY || organisation.archivedAt) {
    throw new AppError(
      ErrorCode.CHAIR_NOT_PARTNER_REPRESENTATIVE,
      'The chair and vice-chair must be serving committee members for an active partner company',
    );
  }
  return organisation;
}

/**
 * Ends the running term of `holder` in `office` (a term that began before terms were kept is recorded from the
 * membership's start), and removes the office from their roles.
 */
export async function endTerm(tem: EntityManager, holder: Membership, by: Person, at: Date): Promise<void> {
  const office = officeOf(holder.role);
  if (!office) return;
  const open = await tem.findOne(ChairTerm, { basin: holder.basin, office, person: holder.person, endedAt: null });
  if (open) {
    open.endedAt = at;
    open.endedBy = tem.getReference(Person, by.id, { wrapped: true });
  } else {
    tem.create(ChairTerm, {
      basin: holder.basin,
      person: holder.person,
      office,
      startedAt: holder.createdAt,
      endedAt: at,
      startedBy: null,
      endedBy: tem.getReference(Person, by.id),
    });
  }
  tem.remove(holder);
  await tem.flush();
}

/**
 * Hands an office (chair or vice-chair) to `toPersonId`, in the caller's transaction: the running term ends and the
 * new one starts at the same instant, so a basin has exactly one holder at a time (the open-term unique index makes
 * a concurrent handover fail rather than leave two). The new holder must be a serving member for an active partner
 * company, and not hold the other office. Meetings not yet opened that the outgoing chair was to preside move to the
 * new chair. Returns the people whose rights changed.
 */
export async function takeOffice(
  tem: EntityManager,
  by: Person,
  basinId: string,
  office: ChairOffice,
  toPersonId: string,
): Promise<string[]> {
  // Takes the basin's row lock on PostgreSQL, so that two handovers of one basin run one after the other.
  await tem.nativeUpdate(Basin, { id: basinId }, { updatedAt: new Date() });
  const organisation = await servingPartnerMember(tem, basinId, toPersonId);
  const other = office === ChairOffice.CHAIR ? Role.VICE_CHAIR : Role.CHAIR;
  if ((await tem.count(Membership, { person: toPersonId, basin: basinId, role: other })) > 0) {
    throw new AppError(ErrorCode.CHAIR_IS_VICE_CHAIR, 'The chair and the vice-chair must be two different people');
  }
  const holders = await tem.find(Membership, { basin: basinId, role: roleOf(office) });
  if (holders.some((h) => h.person.id === toPersonId)) {
    throw new AppError(ErrorCode.ROLE_ALREADY_HELD, 'This person already holds this office');
  }
  const now = new Date();
  for (const holder of holders) await endTerm(tem, holder, by, now);
  const basin = tem.getReference(Basin, basinId);
  const person = tem.getReference(Person, toPersonId);
  tem.create(Membership, { person, basin, role: roleOf(office), organisation });
  tem.create(ChairTerm, { basin, person, office, startedAt: now, startedBy: tem.getReference(Person, by.id) });
  if (office === ChairOffice.CHAIR && holders.length > 0) {
    const where = {
      basin: basinId,
      status: { $in: [MeetingStatus.PLANNED, MeetingStatus.CONVENED] },
      chair: { $in: holders.map((h) => h.person.id) },
    };
    // read apart from the identity map (a partial Meeting there would be served to later reads of this transaction)
    const chaired = await tem
      .fork({ clear: true, keepTransactionContext: true })
      .find(Meeting, where, { fields: ['id', 'chair'] });
    await tem.nativeUpdate(Meeting, where, { chair: toPersonId });
    await recordNativeWrites(
      tem,
      'Meeting',
      'UPDATE',
      chaired.map((m) => ({ id: m.id, before: { chair: m.chair?.id ?? null }, after: { chair: toPersonId } })),
    );
  }
  return [toPersonId, ...holders.map((h) => h.person.id)];
}

/**
 * The terms of a basin's chairs and vice-chairs, the running ones first, then the latest. A holder who took office
 * before terms were kept (the demo, an older database) shows with a running term from their role's start.
 */
export async function chairTerms(em: EntityManager, basinId: string): Promise<ChairTerm[]> {
  const terms = await em.find(ChairTerm, { basin: basinId }, { orderBy: { startedAt: 'desc', id: 'asc' }, limit: 200 });
  const holders = await em.find(Membership, { basin: basinId, role: { $in: [Role.CHAIR, Role.VICE_CHAIR] } });
  const untracked = holders.filter(
    (h) => !terms.some((t) => !t.endedAt && t.person.id === h.person.id && t.office === officeOf(h.role)),
  );
  const running = untracked.map((h) =>
    Object.assign(new ChairTerm(), {
      id: h.id,
      basin: h.basin,
      person: h.person,
      office: officeOf(h.role)!,
      startedAt: h.createdAt,
      endedAt: null,
      startedBy: null,
      endedBy: null,
    }),
  );
  return [...running, ...terms].sort((a, b) => Number(!!a.endedAt) - Number(!!b.endedAt));
}
