import { ref, type Ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { SendRemindersDocument } from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

/**
 * The operator sends today's reminders now (reports and instalments due within 15 days or late) rather than wait for
 * the daily run; each subject goes once a day, so a second click the same day sends nothing more.
 */
export function useSendReminders(basinId: Ref<string | null>) {
  const action = useAction();
  const { mutate } = useMutation(SendRemindersDocument);
  const sent = ref<number | null>(null);
  async function send(): Promise<boolean> {
    const id = basinId.value;
    if (!id) return false;
    sent.value = null;
    return action.run(async () => {
      const result = await mutate({ basinId: id });
      sent.value = result?.data?.sendReminders ?? 0;
    });
  }
  return { send, sent, pending: action.pending, message: action.message };
}
