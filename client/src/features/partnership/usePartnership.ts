import { computed, type Ref } from 'vue';
import type { ApolloCache } from '@apollo/client/core';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  AddConventionPartnerDocument,
  AmendObjectiveTargetDocument,
  RecordPartnerSignatureDocument,
  RemoveConventionPartnerDocument,
  RenewConventionDocument,
  SetBudgetAnnexDocument,
  SetConventionObjectivesDocument,
  SetPartnerCommitmentsDocument,
  StartConventionDocument,
  TriennialConventionDocument,
  TriennialConventionsDocument,
  UpdateConventionTermsDocument,
  WithdrawPartnerSignatureDocument,
  type AmendObjectiveInput,
  type BudgetAnnexInput,
  type ConventionTermsInput,
  type ObjectivesInput,
  type PartnerCommitmentsInput,
  type PartnershipConventionFieldsFragment,
  type SignatureInput,
  type StartConventionInput,
} from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

export type PartnershipConvention = PartnershipConventionFieldsFragment;
export type ConventionPartnerRow = NonNullable<PartnershipConvention['partners']>[number];

/** The basin's partnership conventions (their periods), the latest first. */
export function useConventionPeriods(basinId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    TriennialConventionsDocument,
    () => ({ basinId: basinId.value ?? '' }),
    () => ({ enabled: Boolean(basinId.value), fetchPolicy: 'cache-and-network' }),
  );
  return {
    periods: computed(() => result.value?.triennialConventions ?? []),
    hasData: computed(() => result.value !== undefined),
    loading,
    error,
    refetch,
  };
}

/** One convention in full: partners, commitments, annex, objectives. */
export function usePartnershipConvention(conventionId: Ref<string | null>) {
  const { result, loading, error, refetch } = useQuery(
    TriennialConventionDocument,
    () => ({ conventionId: conventionId.value ?? '' }),
    () => ({ enabled: Boolean(conventionId.value), fetchPolicy: 'cache-and-network' }),
  );
  const convention = computed<PartnershipConvention | null>(() => result.value?.triennialConvention ?? null);
  return { convention, hasData: computed(() => convention.value !== null), loading, error, refetch };
}

/** Figures that a convention's change makes stale: the dashboard and budget read the convention in force. */
function forgetConventionFigures(cache: ApolloCache<unknown>): void {
  for (const fieldName of ['triennialConventions', 'basinDashboard', 'contributionBudget']) {
    cache.evict({ id: 'ROOT_QUERY', fieldName });
  }
  cache.gc();
}

/**
 * The operator's acts on a convention: start the basin's first one, renew it, edit a draft's terms, partners,
 * commitments, annex and objectives, record and withdraw signatures, amend a signed objective. Each kind has its own
 * pending state and message.
 */
export function usePartnershipActions() {
  const refresh = () => ({
    refetchQueries: ['TriennialConventions', 'TriennialConvention'],
    awaitRefetchQueries: true,
    update: forgetConventionFigures,
  });
  const { mutate: renewMutation } = useMutation(RenewConventionDocument, refresh);
  const { mutate: termsMutation } = useMutation(UpdateConventionTermsDocument, refresh);
  const { mutate: addMutation } = useMutation(AddConventionPartnerDocument, refresh);
  const { mutate: removeMutation } = useMutation(RemoveConventionPartnerDocument, refresh);
  const { mutate: commitMutation } = useMutation(SetPartnerCommitmentsDocument, refresh);
  const { mutate: annexMutation } = useMutation(SetBudgetAnnexDocument, refresh);
  const { mutate: objectivesMutation } = useMutation(SetConventionObjectivesDocument, refresh);
  const { mutate: signMutation } = useMutation(RecordPartnerSignatureDocument, refresh);
  const { mutate: amendMutation } = useMutation(AmendObjectiveTargetDocument, refresh);
  const { mutate: withdrawMutation } = useMutation(WithdrawPartnerSignatureDocument, refresh);
  const { mutate: startMutation } = useMutation(StartConventionDocument, refresh);
  const renewing = useAction();
  const editing = useAction();
  const partnering = useAction();
  const signing = useAction();
  const amending = useAction();
  return {
    /** Resolves to the renewal's id, or null when refused (the reason is in `renewing.message`). */
    renew: async (conventionId: string): Promise<string | null> => {
      let id: string | null = null;
      const ok = await renewing.run(async () => {
        id = (await renewMutation({ conventionId }))?.data?.renewConvention.id ?? null;
      });
      return ok ? id : null;
    },
    /** Resolves to the first convention's id, or null when refused (the reason is in `renewing.message`). */
    start: async (input: StartConventionInput): Promise<string | null> => {
      let id: string | null = null;
      const ok = await renewing.run(async () => {
        id = (await startMutation({ input }))?.data?.startConvention.id ?? null;
      });
      return ok ? id : null;
    },
    updateTerms: (input: ConventionTermsInput) => editing.run(() => termsMutation({ input })),
    setAnnex: (input: BudgetAnnexInput) => editing.run(() => annexMutation({ input })),
    setObjectives: (input: ObjectivesInput) => editing.run(() => objectivesMutation({ input })),
    addPartner: (conventionId: string, organisationId: string) =>
      partnering.run(() => addMutation({ conventionId, organisationId })),
    removePartner: (partnerId: string) => partnering.run(() => removeMutation({ partnerId })),
    setCommitments: (input: PartnerCommitmentsInput) => partnering.run(() => commitMutation({ input })),
    sign: (input: SignatureInput) => signing.run(() => signMutation({ input })),
    withdrawSignature: (partnerId: string) => signing.run(() => withdrawMutation({ partnerId })),
    amend: (input: AmendObjectiveInput) => amending.run(() => amendMutation({ input })),
    renewing,
    editing,
    partnering,
    signing,
    amending,
  };
}
