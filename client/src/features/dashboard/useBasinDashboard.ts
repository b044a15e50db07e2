import { computed, ref, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { BasinDashboardDocument, type BasinDashboardQuery } from '@/gql/graphql';

export type BasinDashboard = BasinDashboardQuery['basinDashboard'];

/**
 * The basin against one triennial convention: the one given, or (null) the one in force; every figure belongs to its
 * period. Asked again each time the page is shown (cache first for an instant display, then the network), so that a
 * repayment or a report recorded elsewhere shows at once. `enabled` off asks nothing (no comparison chosen).
 */
export function useBasinDashboard(
  basinId: Ref<string | null>,
  conventionId: Ref<string | null> = ref(null),
  enabled: Ref<boolean> = ref(true),
) {
  const { result, loading, error, refetch } = useQuery(
    BasinDashboardDocument,
    () => ({ basinId: basinId.value ?? '', conventionId: conventionId.value }),
    () => ({ enabled: Boolean(basinId.value) && enabled.value, fetchPolicy: 'cache-and-network' }),
  );
  const dashboard = computed<BasinDashboard | null>(() => result.value?.basinDashboard ?? null);
  return { dashboard, hasData: computed(() => dashboard.value !== null), loading, error, refetch };
}
