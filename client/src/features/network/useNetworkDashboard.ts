import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { NetworkDashboardDocument, type NetworkDashboardQuery } from '@/gql/graphql';

export type NetworkDashboard = NetworkDashboardQuery['networkDashboard'];
export type NetworkBreakdowns = NetworkDashboardQuery['networkBreakdowns'];

/**
 * Every basin's headline figures and the network's totals, by size class, sector and year, and each basin against
 * the network's jobs per SME: for the programme's national head only.
 */
export function useNetworkDashboard(enabled: Ref<boolean>) {
  const { result, loading, error, refetch } = useQuery(NetworkDashboardDocument, null, () => ({
    enabled: enabled.value,
    fetchPolicy: 'cache-and-network',
  }));
  const network = computed<NetworkDashboard | null>(() => result.value?.networkDashboard ?? null);
  const breakdowns = computed<NetworkBreakdowns | null>(() => result.value?.networkBreakdowns ?? null);
  return { network, breakdowns, hasData: computed(() => network.value !== null), loading, error, refetch };
}
