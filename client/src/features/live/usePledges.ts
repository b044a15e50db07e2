import { useMutation } from '@vue/apollo-composable';
import { AmendPledgeDocument, PledgeDocument, type AmendPledgeInput, type PledgeInput } from '@/gql/graphql';
import { refreshLiveSession, useAction } from './useAction';

/** What the pledge form hands over: a new pledge against a need, or the change of the one being edited. */
export interface PledgeDraft {
  needId: string;
  days: number;
  expertName: string | null;
  periodStart: string | null;
  periodEnd: string | null;
}

/** A partner company's pledges on the current project item: make, amend, withdraw (until the decision). */
export function usePledges() {
  const action = useAction();
  const { mutate: pledgeMutation } = useMutation(PledgeDocument, refreshLiveSession);
  const { mutate: amendMutation } = useMutation(AmendPledgeDocument, refreshLiveSession);
  return {
    pledge: (itemId: string, input: PledgeInput) => action.run(() => pledgeMutation({ itemId, input })),
    amend: (id: string, input: AmendPledgeInput) => action.run(() => amendMutation({ id, input })),
    withdraw: (id: string) => action.run(() => amendMutation({ id, input: { withdraw: true } })),
    pending: action.pending,
    message: action.message,
  };
}
