import { LIVE_QUERY } from './useLiveSession';

export { useAction } from '@/lib/useAction';

/**
 * Mutation options for live actions: the live query is fetched again before the action counts as done, so the
 * screen is right even when the websocket (which also announces the change) is down.
 */
export const refreshLiveSession = () => ({ refetchQueries: [LIVE_QUERY], awaitRefetchQueries: true });
