import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { SaveNoteDocument } from '@/gql/graphql';
import { errorMessage } from '@/lib/errors';

/** Quiet time after the last keystroke before the note is saved. */
export const NOTE_SAVE_DELAY_MS = 800;

export type NoteState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * The viewer's private note on an item, saved by itself a moment after typing stops (and at once when the item
 * changes or the page closes). The text on screen is the person's: a refresh of the live query never overwrites
 * what they are typing; the server's copy is read only when another item comes up.
 */
export function usePrivateNote(
  itemId: Ref<string | null>,
  serverBody: Ref<string | null | undefined>,
  myLiveId: Ref<string | null> = ref(null),
) {
  const body = ref(serverBody.value ?? '');
  const state = ref<NoteState>('idle');
  const failure = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** What waits to be saved, and for which item (the item may change before the delay ends). */
  let pending: { itemId: string; body: string } | null = null;

  const { mutate } = useMutation(SaveNoteDocument, {
    // The live view's copy of the note follows (the viewer's own part, while the item is current).
    update: (cache, result, { variables }) => {
      if (!variables || !result.data) return;
      cache.modify({
        id: cache.identify({ __typename: 'MyLiveMeeting', id: myLiveId.value ?? '' }),
        fields: {
          note: (note, { readField }) =>
            readField('currentItemId') === variables.itemId ? (result.data?.saveNote.body ?? null) : note,
        },
      });
    },
  });

  async function flush(): Promise<void> {
    clearTimeout(timer);
    const next = pending;
    pending = null;
    if (!next) return;
    state.value = 'saving';
    failure.value = null;
    try {
      await mutate({ itemId: next.itemId, body: next.body });
      // A newer edit may already be waiting: then the state stays "saving" until it lands.
      if (!pending) state.value = 'saved';
    } catch (err) {
      state.value = 'failed';
      failure.value = errorMessage(err);
      // Keep the text to save: the next keystroke, or the next item change, tries again.
      pending ??= next;
    }
  }

  function edit(value: string): void {
    body.value = value;
    if (!itemId.value) return;
    pending = { itemId: itemId.value, body: value };
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), NOTE_SAVE_DELAY_MS);
  }

  watch(itemId, (next, previous) => {
    if (next === previous) return;
    void flush();
    body.value = serverBody.value ?? '';
    state.value = 'idle';
    failure.value = null;
  });
  // The first answer of the live query may come after the textarea appeared (from the cache, then the network).
  watch(serverBody, (value) => {
    if (!pending && state.value === 'idle' && body.value === '') body.value = value ?? '';
  });
  onBeforeUnmount(() => void flush());

  return { body, edit, flush, state, failure };
}
