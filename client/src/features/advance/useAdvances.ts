import { computed, ref, watch, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import {
  AdvancesDocument,
  AdvancesFundDocument,
  type AdvanceRowFieldsFragment,
  type AdvancesFundQuery,
} from '@/gql/graphql';

export type FundFigures = AdvancesFundQuery['advancesFund'];

/** One page of the basin's advances, newest first, fetched again whenever the list is shown. */
export function useAdvances(basinId: Ref<string | null>, limit = 50) {
  const offset = ref(0);
  watch(basinId, () => {
    offset.value = 0;
  });
  const { result, loading, error, refetch } = useQuery(
    AdvancesDocument,
    () => ({ basinId: basinId.value ?? '', offset: offset.value, limit }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network', keepPreviousResult: true }),
  );
  const advances = computed<AdvanceRowFieldsFragment[]>(() => result.value?.advances.items ?? []);
  return {
    advances,
    total: computed(() => result.value?.advances.totalCount ?? 0),
    offset,
    limit,
    hasData: computed(() => result.value !== undefined),
    loading,
    error,
    refetch,
  };
}

/** The basin's advances fund: endowment, lent, repaid, outstanding, losses, against its critical size. */
export function useAdvancesFund(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    AdvancesFundDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network' }),
  );
  const fund = computed<FundFigures | null>(() => result.value?.advancesFund ?? null);
  return { fund, hasData: computed(() => fund.value !== null), loading, error, refetch };
}
