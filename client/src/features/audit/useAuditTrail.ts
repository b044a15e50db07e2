import { computed, ref, watch, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { AuditChainDocument, AuditEntriesDocument } from '@/gql/graphql';

/** The basin's audit chain, verified by the server each time it is asked (never from the cache). */
export function useAuditChain(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    AuditChainDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'network-only' }),
  );
  return {
    chain: computed(() => result.value?.auditChain ?? null),
    loading,
    error,
    refetch,
  };
}

/** A page of the basin's audit entries, newest first. */
export function useAuditEntries(basinId: Ref<string | null>, limit = 25) {
  const offset = ref(0);
  watch(basinId, () => {
    offset.value = 0;
  });
  const { result, loading, error, refetch } = useQuery(
    AuditEntriesDocument,
    () => ({ basinId: basinId.value ?? '', offset: offset.value, limit }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network', keepPreviousResult: true }),
  );
  return {
    entries: computed(() => result.value?.auditEntries.items ?? []),
    total: computed(() => result.value?.auditEntries.totalCount ?? 0),
    hasData: computed(() => result.value !== undefined),
    offset,
    limit,
    loading,
    error,
    refetch,
  };
}

/** A JSON object of values as short "field: value" lines, for the table. */
export function valueLines(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const values = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(values).map(([key, value]) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return `${key}: ${text.length > 120 ? `${text.slice(0, 117)}…` : text}`;
    });
  } catch {
    return [json];
  }
}
