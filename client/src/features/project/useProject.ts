import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { ProjectDocument } from '@/gql/graphql';

/** One project with its SME, needs and every version of its diagnosis paper. */
export function useProject(projectId: Ref<string>) {
  const { result, loading, error, refetch } = useQuery(ProjectDocument, () => ({ id: projectId.value }));
  const project = computed(() => result.value?.project ?? null);
  return { project, hasData: computed(() => project.value !== null), loading, error, refetch };
}
