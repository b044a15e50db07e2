import { computed, ref, type Ref } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import { CalendarFeedUrlDocument, ResetCalendarFeedDocument, type CalendarFeedUrlQuery } from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

export type CalendarFeed = CalendarFeedUrlQuery['calendarFeedUrl'];

/**
 * The viewer's own calendar feed of coming sessions. The server shows the address once, when it makes it (it keeps
 * only a hash): the answer stays in the cache for the visit, and a new address replaces the old one on request.
 */
export function useCalendarFeed(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    CalendarFeedUrlDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-first' }),
  );
  const made = ref<CalendarFeed | null>(null);
  const feed = computed<CalendarFeed | null>(() => made.value ?? result.value?.calendarFeedUrl ?? null);

  const action = useAction();
  const { mutate } = useMutation(ResetCalendarFeedDocument);
  async function reset(): Promise<boolean> {
    if (!basinId.value) return false;
    const id = basinId.value;
    return action.run(async () => {
      const answer = await mutate({ basinId: id });
      if (answer?.data) made.value = answer.data.resetCalendarFeed;
    });
  }

  return {
    feed,
    hasData: computed(() => feed.value !== null),
    loading,
    error,
    refetch,
    reset,
    resetting: action.pending,
    resetMessage: action.message,
  };
}
