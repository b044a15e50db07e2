import type { Ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import {
  DeclareAttendanceDocument,
  DeclareConflictDocument,
  LowerHandDocument,
  RaiseHandDocument,
  type AttendanceMode,
} from '@/gql/graphql';
import { refreshLiveSession, useAction } from './useAction';

export interface AttendanceChange {
  mode: AttendanceMode;
  /** Someone else's attendance (the chair's console); the viewer's own by default. */
  personId?: string | null;
  /** For a represented member: who holds the proxy. */
  proxyHolderId?: string | null;
}

/** Declaring attendance: a member for themself, the chair for anyone of the committee. */
export function useAttendance(meetingId: Ref<string>) {
  const action = useAction();
  const { mutate } = useMutation(DeclareAttendanceDocument, refreshLiveSession);
  const declare = (change: AttendanceChange) =>
    action.run(() =>
      mutate({
        meetingId: meetingId.value,
        input: {
          mode: change.mode,
          personId: change.personId ?? null,
          proxyHolderId: change.mode === 'REPRESENTED' ? (change.proxyHolderId ?? null) : null,
        },
      }),
    );
  return { declare, pending: action.pending, message: action.message };
}

/** Raising and lowering hands; the chair lowers someone's hand when giving them the floor. */
export function useHands(meetingId: Ref<string>) {
  const action = useAction();
  const { mutate: raiseMutation } = useMutation(RaiseHandDocument, refreshLiveSession);
  const { mutate: lowerMutation } = useMutation(LowerHandDocument, refreshLiveSession);
  return {
    raise: () => action.run(() => raiseMutation({ meetingId: meetingId.value })),
    lower: (personId?: string) =>
      action.run(() => lowerMutation({ meetingId: meetingId.value, personId: personId ?? null })),
    pending: action.pending,
    message: action.message,
  };
}

/** Declaring a conflict of interest on an item: the member is recused from its vote. */
export function useConflict() {
  const action = useAction();
  const { mutate } = useMutation(DeclareConflictDocument, refreshLiveSession);
  const declare = (itemId: string, reason: string) => action.run(() => mutate({ itemId, reason: reason.trim() }));
  return { declare, pending: action.pending, message: action.message };
}
