import { computed, ref, type Ref } from 'vue';
import { useQuery, useSubscription } from '@vue/apollo-composable';
import { MeetingDocument, MeetingEventsDocument } from '@/gql/graphql';

/**
 * A meeting kept live: the query is the truth, and each event of the meeting (agenda, status, papers…) makes it
 * fetch again. `announcement` changes after each such refresh, for a polite live region.
 */
export function useLiveMeeting(meetingId: Ref<string>) {
  const { result, loading, error, refetch } = useQuery(MeetingDocument, () => ({ id: meetingId.value }), {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: false,
  });
  const meeting = computed(() => result.value?.meeting ?? null);

  const { onResult: onEvent } = useSubscription(MeetingEventsDocument, () => ({ meetingId: meetingId.value }));
  const lastEventAt = ref<string | null>(null);
  onEvent(async (event) => {
    const at = event.data?.meetingEvents.at;
    if (!at) return;
    await refetch();
    lastEventAt.value = at;
  });

  return { meeting, hasData: computed(() => meeting.value !== null), loading, error, refetch, lastEventAt };
}
