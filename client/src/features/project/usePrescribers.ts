import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { PrescribersDocument } from '@/gql/graphql';

export interface Prescriber {
  personId: string;
  name: string;
  organisation: string;
}

/** Committee members (and chairs) of the basin who represent an organisation: the people who may bring a project. */
export function usePrescribers(basinId: Ref<string | null>) {
  const { result, loading } = useQuery(
    PrescribersDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value) }),
  );
  const prescribers = computed<Prescriber[]>(() => {
    const byPerson = new Map<string, Prescriber>();
    for (const membership of result.value?.members.items ?? []) {
      if (membership.role !== 'MEMBER' && membership.role !== 'CHAIR') continue;
      if (!membership.organisation || byPerson.has(membership.person.id)) continue;
      byPerson.set(membership.person.id, {
        personId: membership.person.id,
        name: membership.person.displayName,
        organisation: membership.organisation.name,
      });
    }
    return [...byPerson.values()].sort((a, b) => a.name.localeCompare(b.name));
  });
  return { prescribers, loading };
}
