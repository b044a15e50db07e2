import { computed } from 'vue';
import { useCurrentBasin } from '@/features/basin/useCurrentBasin';
import { useSession } from './useSession';

/**
 * What the signed-in person may use in the basin shown, for navigation and pages. The server decides in the end;
 * this only keeps people away from screens that would refuse them.
 */
export function useAccess() {
  const { viewer } = useSession();
  const { basin, basinId } = useCurrentBasin();

  const roles = computed(() => basin.value?.myRoles ?? []);
  const isNetworkHead = computed(() => viewer.value?.person.isNetworkHead ?? false);
  /** An SME leader and nothing else here: sees its own file only. */
  const isSmeOnly = computed(
    () => !isNetworkHead.value && roles.value.length > 0 && roles.value.every((role) => role === 'SME'),
  );
  const isOperator = computed(() => roles.value.includes('OPERATOR'));
  /** Sits on the committee: may be named mandatary of a project, so follows some. */
  const isCommitteeMember = computed(() => roles.value.includes('MEMBER') || roles.value.includes('CHAIR'));
  /** Reads the basin's committee data (meetings, people, dashboards): not an SME leader's or an expert's role. */
  const readsBasin = computed(
    () => isNetworkHead.value || roles.value.some((role) => role !== 'SME' && role !== 'EXPERT'),
  );
  /** The projects whose paper the person writes as an invited expert, in this basin. */
  const expertProjectIds = computed(
    () =>
      viewer.value?.memberships
        .filter((m) => m.basin.id === basinId.value && m.role === 'EXPERT' && m.projectId)
        .map((m) => m.projectId as string) ?? [],
  );
  /** An expert and nothing else here: sees the page and paper of the project invited on, only. */
  const isExpertOnly = computed(
    () => !isNetworkHead.value && roles.value.length > 0 && roles.value.every((role) => role === 'EXPERT'),
  );
  /** The partner company the person represents in this basin, if any. */
  const myCompany = computed(
    () =>
      viewer.value?.memberships.find(
        (membership) => membership.basin.id === basinId.value && membership.organisation?.kind === 'PARTNER_COMPANY',
      )?.organisation ?? null,
  );

  /** Reads the basin's audit trail: its operator, its steering committee (OBSERVER), the national head. */
  const readsAudit = computed(
    () => isNetworkHead.value || roles.value.includes('OPERATOR') || roles.value.includes('OBSERVER'),
  );
  /** Reads the programme's money (ledger, budget, accounts): the operator, the steering committee, the national head. */
  const readsProgramme = computed(
    () => isNetworkHead.value || roles.value.includes('OPERATOR') || roles.value.includes('OBSERVER'),
  );
  /** The organisations the person speaks for in this basin: a funder reads their statements. */
  const myOrganisations = computed(() => {
    const seen = new Map<string, { id: string; name: string }>();
    for (const membership of viewer.value?.memberships ?? []) {
      if (membership.basin.id === basinId.value && membership.organisation)
        seen.set(membership.organisation.id, membership.organisation);
    }
    return [...seen.values()];
  });

  return {
    roles,
    isNetworkHead,
    isSmeOnly,
    isOperator,
    isCommitteeMember,
    readsBasin,
    myCompany,
    expertProjectIds,
    isExpertOnly,
    readsAudit,
    readsProgramme,
    myOrganisations,
  };
}
