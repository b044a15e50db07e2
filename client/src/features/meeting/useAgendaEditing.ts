import { computed, ref, type Ref } from 'vue';
import type { ApolloCache } from '@apollo/client/core';
import { useMutation } from '@vue/apollo-composable';
import {
  AddAgendaItemDocument,
  MoveAgendaItemDocument,
  RemoveAgendaItemDocument,
  UpdateAgendaItemDocument,
  type AgendaItemKind,
} from '@/gql/graphql';
import { describeError, messageFor, type ErrorInfo } from '@/lib/errors';

export interface NewAgendaItem {
  kind: AgendaItemKind;
  title: string;
  projectId: string | null;
  allottedMinutes: number;
}

/** What the operator may change of an item already on the agenda (`UpdateAgendaItemInput`). */
export interface AgendaItemChanges {
  title: string;
  allottedMinutes: number;
}

/** The bounds the server puts on an item's allotted time, in minutes. */
export const ALLOTTED_MINUTES = { min: 1, max: 480 } as const;

/**
 * Project lists on screen fetch again: an examination put on the agenda moves its project to SCHEDULED, and one taken
 * off gives it back to be scheduled.
 */
function forgetProjectLists(cache: ApolloCache<unknown>): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'projects' });
  cache.gc();
}

/** The operator's agenda tools while a meeting is being prepared: add, edit, move, remove. */
export function useAgendaEditing(meetingId: Ref<string>) {
  // Errors of the add form, of the item being edited and of the list's buttons are shown next to what caused them.
  const addError = ref<ErrorInfo | null>(null);
  const editError = ref<ErrorInfo | null>(null);
  const listError = ref<ErrorInfo | null>(null);
  const addMessage = computed(() => (addError.value ? messageFor(addError.value) : null));
  const editMessage = computed(() => (editError.value ? messageFor(editError.value) : null));
  const listMessage = computed(() => (listError.value ? messageFor(listError.value) : null));

  // Adding an examination reschedules its project: the meeting and the project pickers must see it.
  const { mutate: addMutation, loading: adding } = useMutation(AddAgendaItemDocument, {
    refetchQueries: ['Meeting'],
    awaitRefetchQueries: true,
    update: forgetProjectLists,
  });
  // The edited item comes back with its id: the cache updates it in place.
  const { mutate: updateMutation, loading: updating } = useMutation(UpdateAgendaItemDocument);
  const { mutate: moveMutation, loading: moving } = useMutation(MoveAgendaItemDocument);
  const { mutate: removeMutation, loading: removing } = useMutation(RemoveAgendaItemDocument, {
    update: forgetProjectLists,
  });

  async function run(target: Ref<ErrorInfo | null>, action: () => Promise<unknown>): Promise<boolean> {
    addError.value = null;
    editError.value = null;
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
  const updateItem = (id: string, changes: AgendaItemChanges) =>
    run(editError, () =>
      updateMutation({ id, input: { title: changes.title.trim(), allottedMinutes: changes.allottedMinutes } }),
    );
  const moveItem = (id: string, position: number) => run(listError, () => moveMutation({ id, position }));
  const removeItem = (id: string) => run(listError, () => removeMutation({ id }));
  /** Forgets the edit form's failure when a form opens or closes. */
  const clearEditError = () => {
    editError.value = null;
  };

  const busy = computed(() => adding.value || updating.value || moving.value || removing.value);
  return {
    addItem,
    updateItem,
    moveItem,
    removeItem,
    clearEditError,
    busy,
    adding,
    addMessage,
    editMessage,
    listMessage,
  };
}
