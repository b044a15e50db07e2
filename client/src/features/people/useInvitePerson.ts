import { ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { InvitePersonDocument, type InvitePersonInput } from '@/gql/graphql';
import { useAction } from '@/lib/useAction';

/** The operator invites a person into a role of the basin; the one-time link comes back to be passed on. */
export function useInvitePerson() {
  const { mutate } = useMutation(InvitePersonDocument, { refetchQueries: ['Members', 'Organisations'] });
  const action = useAction();
  const link = ref<string | null>(null);

  async function invite(input: InvitePersonInput): Promise<boolean> {
    link.value = null;
    return action.run(async () => {
      const result = await mutate({ input });
      link.value = result?.data?.invitePerson.link ?? null;
    });
  }
  return { invite, link, pending: action.pending, message: action.message, error: action.error };
}
