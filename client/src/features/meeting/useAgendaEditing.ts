import { computed, ref, type Ref } from 'vue';
import type { ApolloCache } from '@apollo/client/core';
import { useMutation } from '@vue/apollo-composable';
import {
  AddAgendaItemDocument,
  MoveAgendaItemDocument,
  RemoveAgendaItemDocument,
  type AgendaItemKind,
} from '@/gql/graphql';
import { describeError, messageFor, type ErrorInfo } from '@/lib/errors';

export interface NewAgendaItem {
  kind: AgendaItemKind;
  title: string;
  projectId: string | null;
  allottedMinutes: number;
}

/** Project lists on screen fetch again: an examination put on the agenda moves its project to SCHEDULED. */
function forgetProjectLists(cache: ApolloCache<unknown>): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'projects' });
  cache.gc();
}

/** The operator's agenda tools while a meeting is being prepared: add, move, remove. */
export function useAgendaEditing(meetingId: Ref<string>) {
  // Errors of the add form and of the list's buttons are shown next to what caused them.
  const addError = ref<ErrorInfo | null>(null);
  const listError = ref<ErrorInfo | null>(null);
  const addMessage = computed(() => (addError.value ? messageFor(addError.value) : null));
  const listMessage = computed(() => (listError.value ? messageFor(listError.value) : null));

  // Adding an examination reschedules its project: the meeting and the project pickers must see it.
  const { mutate: addMutation, loading: adding } = useMutation(AddAgendaItemDocument, {
    refetchQueries: ['Meeting'],
    awaitRefetchQueries: true,
    update: forgetProjectLists,
  });
  const { mutate: moveMutation, loading: moving } = useMutation(MoveAgendaItemDocument);
  const { mutate: removeMutation, loading: removing } = useMutation(RemoveAgendaItemDocument);

  async function run(target: Ref<ErrorInfo | null>, action: () => Promise<unknown>): Promise<boolean> {
    addError.value = null;
    listError.value = null;
    try {
      await action();
      return true;
    } catch (err) {
      target.value = describeError(err);
      return false;
    }
  }

  const addItem = (item: NewAgendaItem) =>
    run(addError, () =>
      addMutation({
        meetingId: meetingId.value,
        input: {
          kind: item.kind,
          title: item.title.trim() || null,
          projectId: item.projectId,
          allottedMinutes: item.allottedMinutes,
        },
      }),
    );
  const moveItem = (id: string, position: number) => run(listError, () => moveMutation({ id, position }));
  const removeItem = (id: string) => run(listError, () => removeMutation({ id }));

  const busy = computed(() => adding.value || moving.value || removing.value);
  return { addItem, moveItem, removeItem, busy, adding, addMessage, listMessage };
}
