import { computed, type Ref } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import { MinutesDocument, UpdateMinutesDocument, type MinutesFieldsFragment, type MinutesInput } from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

/** The minutes of a closed session (asked only once it is closed: the server has none before). */
export function useMinutes(meetingId: Ref<string>, enabled: Ref<boolean>) {
  const { result, loading, error, refetch } = useQuery(
    MinutesDocument,
    () => ({ meetingId: meetingId.value }),
    () => ({ enabled: enabled.value, fetchPolicy: 'cache-and-network' }),
  );
  const minutes = computed<MinutesFieldsFragment | null>(() => result.value?.minutes ?? null);
  return { minutes, hasData: computed(() => result.value !== undefined), loading, error, refetch };
}

/**
 * The operator saves the editable sections of a draft. The version edited goes along: when someone else saved
 * meanwhile the server answers CONFLICT rather than overwrite their text.
 */
export function useUpdateMinutes(meetingId: Ref<string>) {
  const action = useAction();
  const { mutate } = useMutation(UpdateMinutesDocument);
  const save = (input: MinutesInput) => action.run(() => mutate({ meetingId: meetingId.value, input }));
  return { save, pending: action.pending, message: action.message };
}
