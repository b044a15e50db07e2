import { useMutation } from '@vue/apollo-composable';
import { RecordDecisionDocument, type DecisionInput } from '@/gql/graphql';
import { refreshLiveSession, useAction } from './useAction';

/** The chair records the committee's decision on the current project item. */
export function useDecision() {
  const action = useAction();
  const { mutate } = useMutation(RecordDecisionDocument, () => ({
    ...refreshLiveSession(),
    // The project's status, mandatary and advance changed: lists of projects fetch again when next shown.
    update: (cache) => {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'projects' });
      cache.gc();
    },
  }));
  const record = (itemId: string, input: DecisionInput) => action.run(() => mutate({ itemId, input }));
  return { record, pending: action.pending, message: action.message };
}
