import { computed, ref, watch, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { MembersDocument } from '@/gql/graphql';

/** One page of the basin's memberships (a person appears once per role). */
export function useMembers(basinId: Ref<string | null>, limit = 25) {
  const offset = ref(0);
  watch(basinId, () => {
    offset.value = 0;
  });
  const { result, loading, error, refetch } = useQuery(
    MembersDocument,
    () => ({ basinId: basinId.value ?? '', limit, offset: offset.value }),
    () => ({ enabled: Boolean(basinId.value), keepPreviousResult: true }),
  );
  const page = computed(() => result.value?.members ?? null);
  return {
    members: computed(() => page.value?.items ?? []),
    total: computed(() => page.value?.totalCount ?? 0),
    offset,
    limit,
    hasData: computed(() => page.value !== null),
    loading,
    error,
    refetch,
  };
}
