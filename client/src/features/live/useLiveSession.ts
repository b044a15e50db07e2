import { computed, onBeforeUnmount, watch, type Ref } from 'vue';
import { useQuery, useSubscription } from '@vue/apollo-composable';
import {
  LiveMeetingDocument,
  LiveMeetingUpdatesDocument,
  MyLiveMeetingUpdatesDocument,
  type LiveMeetingQuery,
} from '@/gql/graphql';
import { forgetLiveVersion, liveVersions, rememberLiveVersion } from '@/lib/liveVersions';

export type LiveMeeting = LiveMeetingQuery['meeting'];
export type CommitteeSeat = LiveMeeting['committee'][number];
export type RaisedHand = LiveMeeting['hands'][number];
export type MyLive = LiveMeeting['myLive'];

/** The name of the live query, for mutations that fetch it again when the live connection is down. */
export const LIVE_QUERY = 'LiveMeeting';

/**
 * A meeting as the live session shows it: quorum, committee and attendance, hands, agenda and the current item with
 * its paper, pledges, ballot and decision, and the viewer's own part (their voices, their note).
 *
 * The query is loaded once. After that the server pushes the whole view after every change, computed once for all
 * the screens that see the same thing, and the viewer's own part when it changes; both land in the Apollo cache, so
 * every component follows without fetching anything. After a reconnect the server sends what the screen missed,
 * knowing from the connection which version it shows.
 */
export function useLiveSession(meetingId: Ref<string>) {
  const { result, loading, error, refetch } = useQuery(LiveMeetingDocument, () => ({ id: meetingId.value }), {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: false,
  });
  const meeting = computed<LiveMeeting | null>(() => result.value?.meeting ?? null);
  watch(
    () => meeting.value?.liveVersion,
    (version) => {
      if (version !== undefined) rememberLiveVersion(meetingId.value, version);
    },
    { immediate: true },
  );

  // Both results are written into the cache by Apollo (a Meeting and a MyLiveMeeting, by id): the query follows.
  const shared = useSubscription(LiveMeetingUpdatesDocument, () => ({
    meetingId: meetingId.value,
    since: liveVersions()[meetingId.value] ?? null,
  }));
  shared.onResult((pushed) => {
    const version = pushed.data?.liveMeeting.version;
    if (version !== undefined) rememberLiveVersion(meetingId.value, version);
  });
  useSubscription(MyLiveMeetingUpdatesDocument, () => ({ meetingId: meetingId.value }));

  watch(meetingId, (_next, previous) => forgetLiveVersion(previous));
  onBeforeUnmount(() => forgetLiveVersion(meetingId.value));

  return {
    meeting,
    currentItem: computed(() => meeting.value?.currentItem ?? null),
    /** The viewer's voices and note, for the current item only. */
    myLive: computed<MyLive | null>(() => {
      const mine = meeting.value?.myLive ?? null;
      return mine && mine.currentItemId === (meeting.value?.currentItem?.id ?? null) ? mine : null;
    }),
    hasData: computed(() => meeting.value !== null),
    loading,
    error,
    refresh: () => refetch(),
  };
}
