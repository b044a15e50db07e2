import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { PartnerLedgerDocument, type PartnerLedgerQuery } from '@/gql/graphql';

export type PartnerLedger = PartnerLedgerQuery['partnerLedger'];

/** A partner company's contribution: its pledges, the days delivered and their value, the projects it follows. */
export function usePartnerLedger(organisationId: Ref<string>) {
  const { result, loading, error, refetch } = useQuery(
    PartnerLedgerDocument,
    () => ({ organisationId: organisationId.value }),
    { fetchPolicy: 'cache-and-network' },
  );
  const ledger = computed<PartnerLedger | null>(() => result.value?.partnerLedger ?? null);
  return { ledger, hasData: computed(() => ledger.value !== null), loading, error, refetch };
}
