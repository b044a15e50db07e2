import { computed } from 'vue';
import { useMutation, useQuery } from '@vue/apollo-composable';
import { useRouter } from 'vue-router';
import { MeDocument, SignOutDocument } from '@/gql/graphql';
import { resetSession } from './session';

/** The signed-in person, and signing out. */
export function useSession() {
  const router = useRouter();
  const { result, loading } = useQuery(MeDocument, null, { fetchPolicy: 'cache-first' });
  const { mutate: signOutMutation, loading: signingOut } = useMutation(SignOutDocument);

  const viewer = computed(() => result.value?.me ?? null);
  const person = computed(() => viewer.value?.person ?? null);

  async function signOut(): Promise<void> {
    try {
      await signOutMutation();
    } finally {
      // Leave the signed-in pages first, so that nothing on screen refetches with a dead session.
      await router.push({ name: 'sign-in' });
      await resetSession();
    }
  }

  return { viewer, person, loading, signOut, signingOut };
}
