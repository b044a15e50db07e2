import { computed, ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { CreateProjectDocument, type CreateProjectInput } from '@/gql/graphql';
import { describeError, messageFor, type ErrorInfo } from '@/lib/errors';

/** Where the form shows an error the server gave by code rather than by field. */
const FIELD_OF_CODE: Partial<Record<ErrorInfo['code'], string>> = {
  INVALID_SIREN: 'siren',
  DUPLICATE_SIREN: 'siren',
  ADVANCE_ABOVE_CAP: 'advanceRequested',
};

/** Recording a new project (with its new SME); errors come back per field when the server names them. */
export function useCreateProject() {
  const { mutate, loading } = useMutation(CreateProjectDocument, {
    // Every cached list of projects is now incomplete: forget them, they fetch again when shown.
    update: (cache) => {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'projects' });
      cache.gc();
    },
  });
  const error = ref<ErrorInfo | null>(null);
  const message = computed(() => (error.value ? messageFor(error.value) : null));

  /** Field name → reason code from the server (`fields`), plus the field a code points at. */
  const fieldErrors = computed<Record<string, string>>(() => {
    if (!error.value) return {};
    const fields = { ...error.value.fields };
    const field = FIELD_OF_CODE[error.value.code];
    if (field) fields[field] = error.value.code;
    return fields;
  });

  async function create(input: CreateProjectInput): Promise<string | null> {
    error.value = null;
    try {
      const result = await mutate({ input });
      return result?.data?.createProject.id ?? null;
    } catch (err) {
      error.value = describeError(err);
      return null;
    }
  }

  return { create, loading, error, message, fieldErrors };
}
