import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { ProjectsDocument, type ProjectRowFieldsFragment, type ProjectStatus } from '@/gql/graphql';

export interface ProjectFilter {
  status: ProjectStatus | null;
  search: string;
  offset: number;
  limit: number;
}

/** One page of a basin's projects (newest first), filtered by status and a free-text search. */
export function useProjects(basinId: Ref<string | null>, filter: Ref<ProjectFilter>) {
  const { result, loading, error, refetch } = useQuery(
    ProjectsDocument,
    () => ({
      basinId: basinId.value ?? '',
      limit: filter.value.limit,
      offset: filter.value.offset,
      search: filter.value.search.trim() || null,
      status: filter.value.status ? [filter.value.status] : null,
    }),
    () => ({ enabled: Boolean(basinId.value), keepPreviousResult: true }),
  );
  // While the next page loads, keep showing the previous one rather than a blank table.
  const page = computed(() => result.value?.projects ?? null);
  const projects = computed<ProjectRowFieldsFragment[]>(() => page.value?.items ?? []);
  const total = computed(() => page.value?.totalCount ?? 0);
  return { projects, total, hasData: computed(() => page.value !== null), loading, error, refetch };
}
