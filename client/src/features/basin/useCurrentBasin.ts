import { computed, ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { BasinsDocument, type BasinsQuery, type Role } from '@/gql/graphql';
import { DEFAULT_TIME_ZONE } from '@/lib/format';

export type BasinSummary = BasinsQuery['basins'][number];

const STORAGE_KEY = 'agrement.basinId';

function storedBasinId(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Shared by every component: the basin chosen in the header, remembered between visits. */
const chosenId = ref<string | null>(storedBasinId());

/**
 * The basin the screens show (the remembered choice, else the first of the person's basins), the others to switch
 * to, and the person's roles there.
 */
export function useCurrentBasin() {
  const { result, loading, error, refetch } = useQuery(BasinsDocument, null, { fetchPolicy: 'cache-first' });

  const basins = computed<BasinSummary[]>(() => result.value?.basins ?? []);
  const basin = computed<BasinSummary | null>(
    () => basins.value.find((candidate) => candidate.id === chosenId.value) ?? basins.value[0] ?? null,
  );
  const basinId = computed(() => basin.value?.id ?? null);
  const timeZone = computed(() => basin.value?.timezone || DEFAULT_TIME_ZONE);
  const hasRole = (role: Role) => basin.value?.myRoles.includes(role) ?? false;
  const isOperator = computed(() => hasRole('OPERATOR'));

  /** A basin of the person by id (a meeting or project may belong to another basin than the one shown). */
  const basinById = (id: string | null | undefined): BasinSummary | null =>
    basins.value.find((candidate) => candidate.id === id) ?? null;

  function choose(id: string): void {
    chosenId.value = id;
    try {
      window.localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // Storage refused: the choice lasts for this page only.
    }
  }

  return { basins, basin, basinId, timeZone, isOperator, hasRole, basinById, choose, loading, error, refetch };
}
