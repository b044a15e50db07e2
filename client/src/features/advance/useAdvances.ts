import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import {
  AdvancesDocument,
  AdvancesFundDocument,
  type AdvanceRowFieldsFragment,
  type AdvancesFundQuery,
} from '@/gql/graphql';

export type FundFigures = AdvancesFundQuery['advancesFund'];

/** The basin's advances, newest first, fetched again whenever the list is shown. */
export function useAdvances(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    AdvancesDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network' }),
  );
  const advances = computed<AdvanceRowFieldsFragment[]>(() => result.value?.advances ?? []);
  return { advances, hasData: computed(() => result.value !== undefined), loading, error, refetch };
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
