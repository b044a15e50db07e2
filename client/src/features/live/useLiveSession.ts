import { computed, ref, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { LiveMeetingDocument, type LiveMeetingQuery } from '@/gql/graphql';
import { coalesce, useMeetingEvents } from '@/features/meeting/useMeetingEvents';

export type LiveMeeting = LiveMeetingQuery['meeting'];
export type CommitteeSeat = LiveMeeting['committee'][number];
export type RaisedHand = LiveMeeting['hands'][number];

/** The name of the live query, for mutations that fetch it again once they are done. */
export const LIVE_QUERY = 'LiveMeeting';

/**
 * A meeting as the live session shows it: quorum, committee and attendance, hands, agenda and the current item with
 * its paper, pledges, ballot and decision. The query is the truth; every event of the meeting fetches it again (a
 * burst of events costs one fetch in flight and one after), and the Apollo client fetches it again after a
 * reconnect. `lastEventAt` changes once the refresh that followed an event has landed.
 */
export function useLiveSession(meetingId: Ref<string>) {
  const { result, loading, error, refetch } = useQuery(LiveMeetingDocument, () => ({ id: meetingId.value }), {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: false,
  });
  const meeting = computed<LiveMeeting | null>(() => result.value?.meeting ?? null);

  const lastEventAt = ref<string | null>(null);
  const refresh = coalesce(() => refetch());
  useMeetingEvents(meetingId, async (event) => {
    await refresh();
    lastEventAt.value = event.at;
  });

  return {
    meeting,
    currentItem: computed(() => meeting.value?.currentItem ?? null),
    hasData: computed(() => meeting.value !== null),
    loading,
    error,
    refresh,
    lastEventAt,
  };
}
