import { computed, ref, watch, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { MeetingsDocument, type MeetingPeriod } from '@/gql/graphql';

/** One page of a basin's upcoming (soonest first) or past (latest first) meetings. */
export function useMeetings(basinId: Ref<string | null>, period: MeetingPeriod, limit = 10) {
  const offset = ref(0);
  watch(basinId, () => {
    offset.value = 0;
  });
  const { result, loading, error, refetch } = useQuery(
    MeetingsDocument,
    () => ({ basinId: basinId.value ?? '', period, limit, offset: offset.value }),
    () => ({ enabled: Boolean(basinId.value) }),
  );
  const page = computed(() => result.value?.meetings ?? null);
  const meetings = computed(() => page.value?.items ?? []);
  const total = computed(() => page.value?.totalCount ?? 0);
  return { meetings, total, offset, limit, hasData: computed(() => page.value !== null), loading, error, refetch };
}
