import { computed, ref, type Ref } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import { CooperationConventionDocument, RecordSignatureDocument, type ConventionFieldsFragment } from '@/gql/graphql';
import { describeError, messageFor, type ErrorInfo } from '@/lib/errors';

export type Convention = ConventionFieldsFragment;
export type Signature = Convention['signatures'][number];

/** An approved project's cooperation convention, with its parties and where each signature stands. */
export function useConvention(projectId: Ref<string>, enabled: Ref<boolean>) {
  const { result, loading, error, refetch } = useQuery(
    CooperationConventionDocument,
    () => ({ projectId: projectId.value }),
    () => ({ enabled: enabled.value, fetchPolicy: 'cache-and-network' }),
  );
  const convention = computed<Convention | null>(() => result.value?.cooperationConvention ?? null);
  return { convention, hasData: computed(() => result.value !== undefined), loading, error, refetch };
}

/** Field reasons the server gives for a signature's date, shown in words. */
const DATE_REASONS = ['future', 'beforeApproval'] as const;
type DateReason = (typeof DATE_REASONS)[number];
const isDateReason = (value: string | undefined): value is DateReason =>
  (DATE_REASONS as readonly (string | undefined)[]).includes(value);

/**
 * The operator records that a party signed, on the day given. One signature at a time; the failure is kept with the
 * signature it concerns, so that the message shows next to that party.
 */
export function useRecordSignature() {
  const { mutate } = useMutation(RecordSignatureDocument, () => ({
    refetchQueries: ['CooperationConvention'],
    awaitRefetchQueries: true,
  }));
  const pendingId = ref<string | null>(null);
  const failed = ref<{ signatureId: string; error: ErrorInfo } | null>(null);

  async function record(signatureId: string, signedOn: string): Promise<boolean> {
    if (pendingId.value) return false;
    pendingId.value = signatureId;
    failed.value = null;
    try {
      await mutate({ signatureId, signedOn });
      return true;
    } catch (err) {
      failed.value = { signatureId, error: describeError(err) };
      return false;
    } finally {
      pendingId.value = null;
    }
  }

  /** The message for a failed signature: "future" and "beforeApproval" dates in words, else the code's message. */
  const failure = computed(() => {
    if (!failed.value) return null;
    const reason = failed.value.error.fields.signedOn;
    return {
      signatureId: failed.value.signatureId,
      reason: isDateReason(reason) ? reason : null,
      message: messageFor(failed.value.error),
    };
  });

  return { record, pendingId, failure };
}
