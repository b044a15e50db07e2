import { computed, getCurrentScope, ref, watch } from 'vue';
import { connectionStatus } from '@/apollo';
import { describeError, messageFor, type ErrorInfo } from './errors';

/**
 * The state of one kind of action on screen: whether it runs, and the failure to show next to it (in the person's
 * language, from the server's stable code).
 */
export function useAction() {
  const error = ref<ErrorInfo | null>(null);
  const pending = ref(false);
  const message = computed(() => (error.value ? messageFor(error.value) : null));

  /**
   * Runs the action; resolves to whether it succeeded (the failure is then in `message`). A second action while one
   * runs is ignored: a double click sends one request.
   */
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    if (pending.value) return false;
    error.value = null;
    pending.value = true;
    try {
      await action();
      return true;
    } catch (err) {
      error.value = describeError(err);
      return false;
    } finally {
      pending.value = false;
    }
  }

  const clear = () => {
    error.value = null;
  };
  // "The server cannot be reached" is wrong once the live connection is back (the screen is then fetched again or
  // caught up): it goes, rather than stay beside a screen that is fresh.
  if (getCurrentScope())
    watch(connectionStatus, (status) => {
      if (status === 'connected' && error.value?.code === 'NETWORK') clear();
    });
  return { run, pending, error, message, clear };
}
