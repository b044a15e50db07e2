import { computed, ref, type Ref } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import {
  InviteExpertDocument,
  ProjectExpertsDocument,
  RevokeExpertDocument,
  type InviteExpertInput,
} from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

/** The operator's view of a project's experts: who has access, inviting one, ending an access. */
export function useExperts(projectId: Ref<string | null>) {
  const { result, loading, refetch } = useQuery(
    ProjectExpertsDocument,
    () => ({ projectId: projectId.value ?? '' }),
    () => ({ enabled: Boolean(projectId.value) }),
  );
  const experts = computed(() => result.value?.projectExperts ?? []);
  const inviting = useAction();
  const revoking = useAction();
  const { mutate: inviteMutation } = useMutation(InviteExpertDocument, { refetchQueries: ['ProjectExperts'] });
  const { mutate: revokeMutation } = useMutation(RevokeExpertDocument, { refetchQueries: ['ProjectExperts'] });
  /** The last invitation's one-time link, for the operator to pass on; null when the expert already had an account. */
  const lastLink = ref<string | null>(null);

  async function invite(input: InviteExpertInput): Promise<boolean> {
    lastLink.value = null;
    return inviting.run(async () => {
      const answer = await inviteMutation({ projectId: projectId.value ?? '', input });
      lastLink.value = answer?.data?.inviteExpert.link ?? null;
    });
  }
  const revoke = (personId: string) =>
    revoking.run(() => revokeMutation({ projectId: projectId.value ?? '', personId }));

  return { experts, loading, refetch, invite, revoke, inviting, revoking, lastLink };
}
