import { computed, ref, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { MeetingDocument } from '@/gql/graphql';
import { coalesce, useMeetingEvents } from './useMeetingEvents';

/**
 * A meeting kept live: the query is the truth, and each event of the meeting (agenda, status, papers…) makes it
 * fetch again. `lastEventAt` changes after each such refresh, for a polite live region.
 */
export function useLiveMeeting(meetingId: Ref<string>) {
  const { result, loading, error, refetch } = useQuery(MeetingDocument, () => ({ id: meetingId.value }), {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: false,
  });
  const meeting = computed(() => result.value?.meeting ?? null);

  const lastEventAt = ref<string | null>(null);
  const refresh = coalesce(() => refetch());
  useMeetingEvents(meetingId, async (event) => {
    await refresh();
    lastEventAt.value = event.at;
  });

  return { meeting, hasData: computed(() => meeting.value !== null), loading, error, refetch, lastEventAt };
}
