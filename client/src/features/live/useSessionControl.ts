import type { Ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import {
  ActOnAgendaItemDocument,
  CloseMeetingDocument,
  OpenMeetingDocument,
  SetCurrentItemDocument,
  type AgendaItemAction,
} from '@/gql/graphql';
import { refreshLiveSession, useAction } from './useAction';

/** The chair's controls of the session and of its items: open, close, go to an item, its timer, done, deferred. */
export function useSessionControl(meetingId: Ref<string>) {
  const action = useAction();
  const { mutate: open } = useMutation(OpenMeetingDocument, refreshLiveSession);
  const { mutate: close } = useMutation(CloseMeetingDocument, refreshLiveSession);
  const { mutate: setCurrent } = useMutation(SetCurrentItemDocument, refreshLiveSession);
  const { mutate: act } = useMutation(ActOnAgendaItemDocument, refreshLiveSession);

  return {
    openSession: () => action.run(() => open({ id: meetingId.value })),
    closeSession: () => action.run(() => close({ id: meetingId.value })),
    goToItem: (itemId: string) => action.run(() => setCurrent({ itemId })),
    actOnItem: (itemId: string, itemAction: AgendaItemAction, reason?: string) =>
      action.run(() => act({ itemId, action: itemAction, reason: reason ?? null })),
    pending: action.pending,
    message: action.message,
    clearError: action.clear,
  };
}
