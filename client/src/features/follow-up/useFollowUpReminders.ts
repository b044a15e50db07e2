import { computed, ref, watch, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { FollowUpRemindersDocument, type FollowUpRemindersQuery } from '@/gql/graphql';

export type FollowUpReminder = FollowUpRemindersQuery['followUpReminders']['items'][number];

/**
 * One page of the basin's follow-up reports overdue or due within 15 days, most urgent first: whom the operator
 * reminds. Off when `enabled` is.
 */
export function useFollowUpReminders(basinId: Ref<string | null>, enabled: Ref<boolean>, limit = 25) {
  const offset = ref(0);
  watch(basinId, () => {
    offset.value = 0;
  });
  const { result, loading, error, refetch } = useQuery(
    FollowUpRemindersDocument,
    () => ({ basinId: basinId.value ?? '', offset: offset.value, limit }),
    () => ({
      enabled: enabled.value && Boolean(basinId.value),
      fetchPolicy: 'cache-and-network',
      keepPreviousResult: true,
    }),
  );
  const reminders = computed<FollowUpReminder[]>(() => result.value?.followUpReminders.items ?? []);
  return {
    reminders,
    total: computed(() => result.value?.followUpReminders.totalCount ?? 0),
    offset,
    limit,
    hasData: computed(() => result.value !== undefined),
    loading,
    error,
    refetch,
  };
}
