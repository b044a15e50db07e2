import { computed, ref, watch, type Ref } from 'vue';
import type { ApolloCache } from '@apollo/client/core';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  ContributionBudgetDocument,
  ContributionsDocument,
  CorrectContributionDocument,
  FundersDocument,
  FunderStatementDocument,
  RecordContributionDocument,
  RecordEndowmentDocument,
  RecordExpenseDocument,
  ReverseTreasuryMovementDocument,
  TreasuryDocument,
  type ContributionKind,
  type ContributionOrigin,
  type ContributionRowFieldsFragment,
  type CorrectContributionInput,
  type EndowmentInput,
  type ExpenseInput,
  type RecordContributionInput,
} from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

export type ContributionRow = ContributionRowFieldsFragment;

/** What the contribution form gives: an entry, and the reason when it corrects another. */
export interface ContributionFields {
  organisationId: string;
  year: number;
  amount: number;
  kind: ContributionKind;
  origin: ContributionOrigin;
  receivedOn: string | null;
  label: string;
  toAdvancesFund: boolean;
  reason: string;
}

/** Figures that a contribution or a movement makes stale: fetched again when next shown. */
function forgetMoneyFigures(cache: ApolloCache<unknown>): void {
  for (const fieldName of [
    'contributions',
    'contributionBudget',
    'funderStatement',
    'treasury',
    'advancesFund',
    'basinDashboard',
  ]) {
    cache.evict({ id: 'ROOT_QUERY', fieldName });
  }
  cache.gc();
}

/** One page of the contributions ledger, newest year first, of one year or all. */
export function useContributions(basinId: Ref<string | null>, year: Ref<number | null>, limit = 50) {
  const offset = ref(0);
  watch([basinId, year], () => {
    offset.value = 0;
  });
  const { result, loading, error, refetch } = useQuery(
    ContributionsDocument,
    () => ({ basinId: basinId.value ?? '', year: year.value, offset: offset.value, limit }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network', keepPreviousResult: true }),
  );
  return {
    contributions: computed<ContributionRow[]>(() => result.value?.contributions.items ?? []),
    total: computed(() => result.value?.contributions.totalCount ?? 0),
    offset,
    limit,
    hasData: computed(() => result.value !== undefined),
    loading,
    error,
    refetch,
  };
}

/** The convention's budget by source against actual, for a year or (null) the whole convention. */
export function useContributionBudget(basinId: Ref<string | null>, year: Ref<number | null>) {
  const { result, loading, error, refetch } = useQuery(
    ContributionBudgetDocument,
    () => ({ basinId: basinId.value ?? '', year: year.value }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network', keepPreviousResult: true }),
  );
  const budget = computed(() => result.value?.contributionBudget ?? null);
  return { budget, hasData: computed(() => budget.value !== null), loading, error, refetch };
}

/** A funder's statement: its contributions by year, cash and in kind. */
export function useFunderStatement(organisationId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    FunderStatementDocument,
    () => ({ organisationId: organisationId.value ?? '' }),
    () => ({ enabled: Boolean(organisationId.value), fetchPolicy: 'cache-and-network' }),
  );
  const statement = computed(() => result.value?.funderStatement ?? null);
  return { statement, hasData: computed(() => statement.value !== null), loading, error, refetch };
}

/** The basin's organisations, for the funder pickers. */
export function useFunders(basinId: Ref<string | null>) {
  const { result } = useQuery(
    FundersDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-first' }),
  );
  return computed(() => result.value?.organisations.items ?? []);
}

/** The two accounts with their movements. */
export function useTreasury(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    TreasuryDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network' }),
  );
  const treasury = computed(() => result.value?.treasury ?? null);
  return { treasury, hasData: computed(() => treasury.value !== null), loading, error, refetch };
}

/**
 * The operator's acts on the programme's money: record or correct a contribution, record an endowment or an
 * expense, reverse a movement typed by mistake. Each has its own pending state and message; the figures shown are fetched again before it counts as done.
 */
export function useProgrammeActions() {
  const refresh = (queries: string[]) => () => ({
    refetchQueries: queries,
    awaitRefetchQueries: true,
    update: forgetMoneyFigures,
  });
  const ledger = ['Contributions', 'ContributionBudget', 'FunderStatement', 'Treasury'];
  const { mutate: recordMutation } = useMutation(RecordContributionDocument, refresh(ledger));
  const { mutate: correctMutation } = useMutation(CorrectContributionDocument, refresh(ledger));
  const { mutate: endowMutation } = useMutation(RecordEndowmentDocument, refresh(['Treasury']));
  const { mutate: expenseMutation } = useMutation(RecordExpenseDocument, refresh(['Treasury']));
  const { mutate: reverseMutation } = useMutation(ReverseTreasuryMovementDocument, refresh(['Treasury']));
  const recording = useAction();
  const correcting = useAction();
  const endowing = useAction();
  const spending = useAction();
  const reversing = useAction();
  return {
    recordContribution: (input: RecordContributionInput) => recording.run(() => recordMutation({ input })),
    correctContribution: (input: CorrectContributionInput) => correcting.run(() => correctMutation({ input })),
    recordEndowment: (input: EndowmentInput) => endowing.run(() => endowMutation({ input })),
    recordExpense: (input: ExpenseInput) => spending.run(() => expenseMutation({ input })),
    reverseMovement: (id: string, reason: string) => reversing.run(() => reverseMutation({ id, reason })),
    recording,
    correcting,
    endowing,
    spending,
    reversing,
  };
}
