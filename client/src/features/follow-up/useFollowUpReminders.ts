import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { FollowUpRemindersDocument, type FollowUpRemindersQuery } from '@/gql/graphql';

export type FollowUpReminder = FollowUpRemindersQuery['followUpReminders'][number];

/** The basin's follow-up reports overdue or due within 15 days: whom the operator reminds. Off when `enabled` is. */
export function useFollowUpReminders(basinId: Ref<string | null>, enabled: Ref<boolean>) {
  const { result, loading, error, refetch } = useQuery(
    FollowUpRemindersDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: enabled.value && Boolean(basinId.value), fetchPolicy: 'cache-and-network' }),
  );
  const reminders = computed<FollowUpReminder[]>(() => result.value?.followUpReminders ?? []);
  return { reminders, hasData: computed(() => result.value !== undefined), loading, error, refetch };
}
