import { onScopeDispose, ref, watch } from 'vue';
import { connectionStatus } from '@/apollo';

/**
 * How long the websocket may be away before the page says so: a first connection, or the new socket opened after
 * signing in, takes a moment and should not flash a warning.
 */
const GRACE_MS = 1_500;

/**
 * Whether the live page must warn that what it shows may be stale: at once when the browser is offline, and after a
 * short grace while the websocket is connecting or reconnecting. Cleared as soon as it is connected again (the
 * Apollo client then fetches the screen's queries again).
 */
export function useConnectionLost() {
  const lost = ref(connectionStatus.value === 'offline');
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    connectionStatus,
    (status) => {
      clearTimeout(timer);
      if (status === 'connected') lost.value = false;
      else if (status === 'offline') lost.value = true;
      else if (!lost.value)
        timer = setTimeout(() => {
          lost.value = true;
        }, GRACE_MS);
    },
    { immediate: true },
  );
  onScopeDispose(() => clearTimeout(timer));
  return lost;
}
