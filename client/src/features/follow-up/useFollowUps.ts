import { computed, ref, type Ref } from 'vue';
import type { ApolloCache } from '@apollo/client/core';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  FileFollowUpReportDocument,
  FollowUpDocument,
  MyFollowUpsDocument,
  type FollowUpQuery,
  type FollowUpReportInput,
  type MyFollowUpsQuery,
} from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

export type MyFollowUp = MyFollowUpsQuery['myFollowUps']['items'][number];
export type ProjectFollowUp = FollowUpQuery['followUp'];
export type FollowUpSlot = ProjectFollowUp['slots'][number];
export type FollowedPledge = NonNullable<ProjectFollowUp['project']['pledges']>[number];

/** One page of the projects the viewer follows as mandatary, most urgent first. */
export function useMyFollowUps(limit = 25) {
  const offset = ref(0);
  const { result, loading, error, refetch } = useQuery(MyFollowUpsDocument, () => ({ offset: offset.value, limit }), {
    fetchPolicy: 'cache-and-network',
    keepPreviousResult: true,
  });
  const followUps = computed<MyFollowUp[]>(() => result.value?.myFollowUps.items ?? []);
  return {
    followUps,
    total: computed(() => result.value?.myFollowUps.totalCount ?? 0),
    offset,
    limit,
    hasData: computed(() => result.value !== undefined),
    loading,
    error,
    refetch,
  };
}

/** One project's follow-up: the reports due on the basin's cadence, those filed, and the competence plan. */
export function useFollowUp(projectId: Ref<string>) {
  const { result, loading, error, refetch } = useQuery(FollowUpDocument, () => ({ projectId: projectId.value }), {
    fetchPolicy: 'cache-and-network',
  });
  const followUp = computed<ProjectFollowUp | null>(() => result.value?.followUp ?? null);
  return { followUp, hasData: computed(() => followUp.value !== null), loading, error, refetch };
}

/** Figures a report changes (jobs, days delivered, reminders): fetched again when next shown. */
function forgetResults(cache: ApolloCache<unknown>): void {
  for (const fieldName of [
    'myFollowUps',
    'basinDashboard',
    'networkDashboard',
    'followUpReminders',
    'partnerLedger',
    'projects',
  ]) {
    cache.evict({ id: 'ROOT_QUERY', fieldName });
  }
  cache.gc();
}

/** The mandatary files a report; the follow-up is fetched again before it counts as done. */
export function useFileReport(projectId: Ref<string>) {
  const action = useAction();
  const { mutate } = useMutation(FileFollowUpReportDocument, () => ({
    refetchQueries: ['FollowUp'],
    awaitRefetchQueries: true,
    update: forgetResults,
  }));
  const file = (input: FollowUpReportInput) => action.run(() => mutate({ projectId: projectId.value, input }));
  return { file, pending: action.pending, message: action.message, clear: action.clear };
}
