import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { BasinDashboardDocument, type BasinDashboardQuery } from '@/gql/graphql';

export type BasinDashboard = BasinDashboardQuery['basinDashboard'];

/**
 * The basin against its triennial convention. Asked again each time the page is shown (cache first for an instant
 * display, then the network), so that a repayment or a report recorded elsewhere shows at once.
 */
export function useBasinDashboard(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    BasinDashboardDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network' }),
  );
  const dashboard = computed<BasinDashboard | null>(() => result.value?.basinDashboard ?? null);
  return { dashboard, hasData: computed(() => dashboard.value !== null), loading, error, refetch };
}
