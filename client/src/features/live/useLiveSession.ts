import { computed, onBeforeUnmount, watch, type Ref } from 'vue';
import { useApolloClient, useQuery, useSubscription } from '@vue/apollo-composable';
import { applyPatch, deepClone, type Operation } from 'fast-json-patch';
import {
  LiveMeetingDocument,
  LiveMeetingFieldsFragmentDoc,
  LiveMeetingUpdatesDocument,
  MyLiveMeetingUpdatesDocument,
  type LiveMeetingFieldsFragment,
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
 * The query is loaded once. After that the server pushes every change, computed once for all the screens that see
 * the same thing: as a JSON Patch of the view the screen shows (a vote changes a count, not the whole view), or whole
 * when the screen was behind; and the viewer's own part when it changes. Both land in the Apollo cache, so every
 * component follows without fetching anything. After a reconnect the server sends what the screen missed, knowing
 * from the connection which version it shows. A patch that does not apply to what the screen shows (it missed a
 * version) makes it fetch the query again: the catch-up said so.
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
  const { client } = useApolloClient();
  /** The view as the server last sent it (the base of its next patch), and its version. */
  let view: { version: number; meeting: LiveMeetingFieldsFragment } | null = null;
  const cacheId = () => client.cache.identify({ __typename: 'Meeting', id: meetingId.value });
  /** What the screen shows at `version`: the last view pushed, or the query's when it is that version. */
  function viewAt(version: number): LiveMeetingFieldsFragment | null {
    if (view?.version === version) return view.meeting;
    if (meeting.value?.liveVersion !== version) return null;
    return client.cache.readFragment({
      id: cacheId(),
      fragment: LiveMeetingFieldsFragmentDoc,
      fragmentName: 'LiveMeetingFields',
    });
  }
  function patched(base: number, patch: Operation[]): LiveMeetingFieldsFragment | null {
    const shown = viewAt(base);
    if (!shown) return null;
    try {
      return applyPatch(deepClone(shown), patch, true).newDocument as LiveMeetingFieldsFragment;
    } catch {
      return null;
    }
  }
  shared.onResult((pushed) => {
    const update = pushed.data?.liveMeeting;
    if (!update) return;
    if (update.meeting) {
      // whole: Apollo has written it into the cache already
      view = { version: update.version, meeting: update.meeting };
    } else if (update.patch && update.base !== null && update.base !== undefined) {
      if (view && update.version <= view.version) return;
      const next = patched(update.base, update.patch as Operation[]);
      if (!next) {
        view = null;
        void refetch();
        return;
      }
      client.cache.writeFragment({
        id: cacheId(),
        fragment: LiveMeetingFieldsFragmentDoc,
        fragmentName: 'LiveMeetingFields',
        data: next,
      });
      client.cache.modify({ id: cacheId(), fields: { liveVersion: () => update.version } });
      view = { version: update.version, meeting: next };
    } else return;
    rememberLiveVersion(meetingId.value, update.version);
  });
  useSubscription(MyLiveMeetingUpdatesDocument, () => ({ meetingId: meetingId.value }));

  watch(meetingId, (_next, previous) => {
    view = null;
    forgetLiveVersion(previous);
  });
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
