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
    /** Opens the session; `reason` says why when it is not its scheduled day. */
    openSession: (reason: string | null = null) => action.run(() => open({ id: meetingId.value, reason })),
    /** Closes the session; `deferUntreated` confirms deferring the items it has not reached. */
    closeSession: (deferUntreated = false) => action.run(() => close({ id: meetingId.value, deferUntreated })),
    goToItem: (itemId: string) => action.run(() => setCurrent({ itemId })),
    actOnItem: (itemId: string, itemAction: AgendaItemAction, reason?: string) =>
      action.run(() => act({ itemId, action: itemAction, reason: reason ?? null })),
    pending: action.pending,
    message: action.message,
    clearError: action.clear,
  };
}
