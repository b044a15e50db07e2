import { computed, type Ref } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  CancelMeetingDocument,
  ConveneMeetingDocument,
  CreateMeetingDocument,
  MeetingChairCandidatesDocument,
  UpdateMeetingDocument,
  type CreateMeetingInput,
  type UpdateMeetingInput,
} from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

/** Lists of meetings on screen fetch again after a meeting is created, moved or cancelled. */
const refetchLists = { refetchQueries: ['Meetings', 'UpcomingMeeting'], awaitRefetchQueries: false };

/** Who may chair the basin's sessions (its chair and vice-chairs), for the operator's meeting form. */
export function useChairCandidates(basinId: Ref<string | null>) {
  const { result, loading } = useQuery(
    MeetingChairCandidatesDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value) }),
  );
  return { candidates: computed(() => result.value?.meetingChairCandidates ?? []), loading };
}

/** The operator's acts on a session being prepared: create, change (a reschedule once convened), convene, cancel. */
export function useMeetingPreparation() {
  const saving = useAction();
  const convening = useAction();
  const cancelling = useAction();
  const { mutate: createMutation } = useMutation(CreateMeetingDocument, refetchLists);
  const { mutate: updateMutation } = useMutation(UpdateMeetingDocument, { refetchQueries: ['Meeting'] });
  const { mutate: conveneMutation } = useMutation(ConveneMeetingDocument, refetchLists);
  const { mutate: cancelMutation } = useMutation(CancelMeetingDocument, {
    ...refetchLists,
    // Its projects go back to be scheduled: cached project lists are stale.
    update: (cache) => {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'projects' });
      cache.gc();
    },
  });

  /** Resolves to the new meeting's id, or null (the reason is in `saving.message`). */
  async function create(input: CreateMeetingInput): Promise<string | null> {
    let id: string | null = null;
    await saving.run(async () => {
      id = (await createMutation({ input }))?.data?.createMeeting.id ?? null;
    });
    return id;
  }
  const update = (id: string, input: UpdateMeetingInput) => saving.run(() => updateMutation({ id, input }));
  const convene = (id: string) => convening.run(() => conveneMutation({ id }));
  const cancel = (id: string, reason: string) => cancelling.run(() => cancelMutation({ id, reason }));

  return { create, update, convene, cancel, saving, convening, cancelling };
}
