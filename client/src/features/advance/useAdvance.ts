import { computed, type Ref } from 'vue';
import type { ApolloCache } from '@apollo/client/core';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  AdvanceDocument,
  DeclareDefaultDocument,
  DisburseAdvanceDocument,
  RecordRepaymentDocument,
  RescheduleAdvanceDocument,
  type RepaymentTermsInput,
} from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

/** One advance with its schedule and the repayments received. */
export function useAdvance(advanceId: Ref<string>) {
  const { result, loading, error, refetch } = useQuery(AdvanceDocument, () => ({ id: advanceId.value }), {
    fetchPolicy: 'cache-and-network',
  });
  const advance = computed(() => result.value?.advance ?? null);
  return { advance, hasData: computed(() => advance.value !== null), loading, error, refetch };
}

/** Lists and figures that an advance's change makes stale: they fetch again when next shown. */
function forgetFundFigures(cache: ApolloCache<unknown>): void {
  for (const fieldName of ['advances', 'advancesFund', 'basinDashboard', 'networkDashboard', 'treasury']) {
    cache.evict({ id: 'ROOT_QUERY', fieldName });
  }
  cache.gc();
}

/**
 * The operator's acts on an advance: the disbursement (which draws up the schedule), repayments, and, on the
 * committee's decision, a rescheduling or a default. Each has its own pending state and message, shown by its form;
 * the advance is fetched again before an act counts as done.
 */
export function useAdvanceActions(advanceId: Ref<string>) {
  const refresh = () => ({ refetchQueries: ['Advance'], awaitRefetchQueries: true, update: forgetFundFigures });
  const { mutate: disburseMutation } = useMutation(DisburseAdvanceDocument, refresh);
  const { mutate: repayMutation } = useMutation(RecordRepaymentDocument, refresh);
  const { mutate: rescheduleMutation } = useMutation(RescheduleAdvanceDocument, refresh);
  const { mutate: defaultMutation } = useMutation(DeclareDefaultDocument, refresh);

  const disbursing = useAction();
  const repaying = useAction();
  const rescheduling = useAction();
  const defaulting = useAction();

  return {
    disburse: (disbursedOn: string, terms: RepaymentTermsInput) =>
      disbursing.run(() => disburseMutation({ id: advanceId.value, disbursedOn, terms })),
    recordRepayment: (amount: number, paidOn: string) =>
      repaying.run(() => repayMutation({ advanceId: advanceId.value, amount, paidOn })),
    reschedule: (from: string, terms: RepaymentTermsInput) =>
      rescheduling.run(() => rescheduleMutation({ id: advanceId.value, from, terms })),
    declareDefault: () => defaulting.run(() => defaultMutation({ id: advanceId.value })),
    disbursing,
    repaying,
    rescheduling,
    defaulting,
  };
}
