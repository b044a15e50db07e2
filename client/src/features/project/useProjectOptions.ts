import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { ProjectOptionsDocument, type ProjectOptionsQuery } from '@/gql/graphql';

export type ProjectOption = ProjectOptionsQuery['projects']['items'][number];

/** The basin's projects (the 200 most recent), to pick one in a form. */
export function useProjectOptions(basinId: Ref<string | null>) {
  const { result, loading } = useQuery(
    ProjectOptionsDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value) }),
  );
  const projects = computed<ProjectOption[]>(() => result.value?.projects.items ?? []);
  return { projects, loading };
}
