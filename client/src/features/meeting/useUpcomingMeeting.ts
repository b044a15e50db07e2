import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { UpcomingMeetingDocument } from '@/gql/graphql';

/** The basin's next meeting (soonest first) with its agenda, or null when none is planned. */
export function useUpcomingMeeting(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    UpcomingMeetingDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value) }),
  );
  const meeting = computed(() => result.value?.meetings.items[0] ?? null);
  const hasData = computed(() => result.value !== undefined);
  return { meeting, hasData, loading, error, refetch };
}
