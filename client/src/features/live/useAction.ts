import { isLiveConnected } from '@/apollo';
import { LIVE_QUERY } from './useLiveSession';

export { useAction } from '@/lib/useAction';

/**
 * Mutation options for live actions. The new state comes pushed over the live connection; when that connection is
 * down, the live query is fetched again before the action counts as done, so the screen is right anyway.
 */
export const refreshLiveSession = () =>
  isLiveConnected() ? {} : { refetchQueries: [LIVE_QUERY], awaitRefetchQueries: true };
