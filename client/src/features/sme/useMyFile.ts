import { computed, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { MyFileDocument, type AdvanceDetailFieldsFragment, type MyFileQuery } from '@/gql/graphql';

export type MyProject = MyFileQuery['projects']['items'][number];

/** An SME leader's own file: its projects and their advances (the server answers with nothing of other firms). */
export function useMyFile(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    MyFileDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network' }),
  );
  const projects = computed<MyProject[]>(() => result.value?.projects.items ?? []);
  const advances = computed<AdvanceDetailFieldsFragment[]>(() => result.value?.advances.items ?? []);
  const advanceOf = (projectId: string) => advances.value.find((advance) => advance.project.id === projectId) ?? null;
  return { projects, advanceOf, hasData: computed(() => result.value !== undefined), loading, error, refetch };
}
