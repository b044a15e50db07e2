import { computed, ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { MoveProjectDocument, UpdateProjectDocument, type ProjectStatus, type UpdateProjectInput } from '@/gql/graphql';
import { describeError, messageFor, type ErrorInfo } from '@/lib/errors';
import { useAction } from '@/lib/useAction';

/** Project lists and the project page fetch again after a change. */
const refreshed = {
  refetchQueries: ['Project'],
  awaitRefetchQueries: true,
  update: (cache: { evict(options: { id: string; fieldName: string }): boolean; gc(): string[] }) => {
    cache.evict({ id: 'ROOT_QUERY', fieldName: 'projects' });
    cache.gc();
  },
};

/** The operator's edits of a project being prepared: its details (with its SME and needs), and its status moves. */
export function useProjectPreparation() {
  const { mutate: updateMutation, loading: saving } = useMutation(UpdateProjectDocument, refreshed);
  const { mutate: moveMutation } = useMutation(MoveProjectDocument, refreshed);
  const error = ref<ErrorInfo | null>(null);
  const message = computed(() => (error.value ? messageFor(error.value) : null));
  const fieldErrors = computed<Record<string, string>>(() => {
    if (!error.value) return {};
    const fields = { ...error.value.fields };
    if (error.value.code === 'ADVANCE_ABOVE_CAP') fields.advanceRequested = error.value.code;
    return fields;
  });
  const moving = useAction();

  async function update(id: string, input: UpdateProjectInput): Promise<boolean> {
    error.value = null;
    try {
      await updateMutation({ id, input });
      return true;
    } catch (err) {
      error.value = describeError(err);
      return false;
    }
  }
  const move = (id: string, status: ProjectStatus) => moving.run(() => moveMutation({ id, status }));

  return { update, saving, message, fieldErrors, move, moving };
}
