import { computed, ref, type Ref } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  RecordOrientationDocument,
  ReviewDecisionDocument,
  SteeringDecisionsDocument,
  type ReviewVerdict,
} from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

/** The page size, written in the query itself (SteeringDecisions.graphql) so that its cost is known before it runs. */
const PAGE = 20;

/**
 * The steering committee's desk: the basin's decisions with their reviews (a page at a time), its orientations,
 * and, for its members, the acts of validating or questioning a decision and giving an orientation.
 */
export function useSteering(basinId: Ref<string | null>) {
  const offset = ref(0);
  const { result, loading, error, refetch } = useQuery(
    SteeringDecisionsDocument,
    () => ({ basinId: basinId.value ?? '', offset: offset.value }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network', keepPreviousResult: true }),
  );
  const review = useMutation(ReviewDecisionDocument, { refetchQueries: ['SteeringDecisions'] });
  const orient = useMutation(RecordOrientationDocument, { refetchQueries: ['SteeringDecisions'] });
  const reviewing = useAction();
  const orienting = useAction();
  /** The session a question was just put before, to say so. */
  const placedOn = ref<string | null>(null);
  return {
    decisions: computed(() => result.value?.steeringDecisions.items ?? []),
    totalCount: computed(() => result.value?.steeringDecisions.totalCount ?? 0),
    orientations: computed(() => result.value?.orientations.items ?? []),
    hasData: computed(() => Boolean(result.value)),
    loading,
    error,
    refetch,
    offset,
    pageSize: PAGE,
    reviewing,
    orienting,
    placedOn,
    review: (decisionId: string, verdict: ReviewVerdict, comment: string) =>
      reviewing.run(async () => {
        const done = await review.mutate({ input: { decisionId, verdict, comment } }, { awaitRefetchQueries: true });
        placedOn.value = done?.data?.reviewDecision.meeting?.title ?? null;
      }),
    orientation: (title: string, text: string) =>
      orienting.run(() =>
        orient.mutate({ input: { basinId: basinId.value ?? '', title, text } }, { awaitRefetchQueries: true }),
      ),
  };
}
