import type { Ref } from 'vue';
import { useSubscription } from '@vue/apollo-composable';
import { MeetingEventsDocument, type MeetingEventsSubscription } from '@/gql/graphql';

export type MeetingEvent = MeetingEventsSubscription['meetingEvents'];

/**
 * Listens to a meeting's events (agenda, presence, pledges, ballots, decisions…). Each event only says that something
 * changed: the caller fetches its query again, which stays the truth. Being subscribed is also what makes the viewer
 * count as connected to the session. graphql-ws subscribes again by itself after a reconnect.
 */
export function useMeetingEvents(meetingId: Ref<string>, onEvent: (event: MeetingEvent) => void): void {
  const { onResult } = useSubscription(MeetingEventsDocument, () => ({ meetingId: meetingId.value }));
  onResult((result) => {
    const event = result.data?.meetingEvents;
    if (event) onEvent(event);
  });
}

/**
 * Wraps a fetch so that a burst of events costs at most one fetch in flight and one after it: an event arriving while
 * a fetch runs asks for one more fetch once it ends (the running one may have read the state before that event).
 */
export function coalesce(fetch: () => Promise<unknown> | undefined): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await fetch();
        } catch {
          // The query shows its own error; the next event or the reconnect will try again.
        }
      } while (again);
      running = null;
    })();
    return running;
  };
}
