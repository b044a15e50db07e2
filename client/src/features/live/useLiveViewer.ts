import { computed, type Ref } from 'vue';
import type { MeQuery } from '@/gql/graphql';
import { useSession } from '@/features/session/useSession';
import type { LiveMeeting } from './useLiveSession';

/** A partner company the viewer sits for (from their memberships). */
export type ViewerCompany = NonNullable<NonNullable<MeQuery['me']>['memberships'][number]['organisation']>;

/**
 * What the signed-in person is in this session, which decides the sections they see: a committee seat (attendance,
 * hands, conflicts, notes, votes), a partner company to pledge for, and the chair's console (the person presiding:
 * the meeting's chair, or the vice-chair in the chair's absence; an operator of the basin assists there without
 * presiding). The server checks all of it again.
 */
export function useLiveViewer(meeting: Ref<LiveMeeting | null>) {
  const { viewer } = useSession();
  const personId = computed(() => viewer.value?.person.id ?? null);
  const basinMemberships = computed(
    () => viewer.value?.memberships.filter((membership) => membership.basin.id === meeting.value?.basinId) ?? [],
  );

  const seat = computed(() => meeting.value?.committee.find((candidate) => candidate.person.id === personId.value));
  /** Who presides: whoever opened the session (the chair, or the vice-chair in the chair's absence), else the chair. */
  const presidingId = computed(() => meeting.value?.presidedBy?.id ?? meeting.value?.chair?.id ?? null);
  const presides = computed(() => Boolean(personId.value) && presidingId.value === personId.value);
  const isViceChair = computed(() => basinMemberships.value.some((membership) => membership.role === 'VICE_CHAIR'));
  const beforeOpening = computed(() => meeting.value?.status === 'PLANNED' || meeting.value?.status === 'CONVENED');
  const isOperator = computed(() => basinMemberships.value.some((membership) => membership.role === 'OPERATOR'));

  /** The partner companies the person sits for in this basin: the only ones they may pledge for. */
  const companies = computed<ViewerCompany[]>(() =>
    basinMemberships.value
      .filter(
        (membership) =>
          (membership.role === 'MEMBER' || membership.role === 'CHAIR' || membership.role === 'VICE_CHAIR') &&
          membership.organisation?.kind === 'PARTNER_COMPANY',
      )
      .flatMap((membership) => (membership.organisation ? [membership.organisation] : []))
      .filter((organisation, index, all) => all.findIndex((other) => other.id === organisation.id) === index),
  );

  /** 1-based place of the person's raised hand in the queue, or 0. */
  const handPosition = computed(
    () => (meeting.value?.hands.findIndex((hand) => hand.person.id === personId.value) ?? -1) + 1,
  );

  return {
    personId,
    seat: computed(() => seat.value ?? null),
    /** Sees the console: the person presiding, the vice-chair who may open in the chair's absence, the operator. */
    canChair: computed(() => presides.value || isOperator.value || (isViceChair.value && beforeOpening.value)),
    /** May do the acts of the presidency (open, ballots, decisions, close); the operator never does. */
    presides: computed(() => presides.value || (isViceChair.value && beforeOpening.value)),
    /** An operator at the console: assists (agenda, attendance, floor) but never presides. */
    actingForChair: computed(() => isOperator.value && !presides.value),
    companies,
    handPosition,
  };
}
