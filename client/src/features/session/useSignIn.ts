import { computed, ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { AcceptInvitationDocument, SignInDocument } from '@/gql/graphql';
import { describeError, messageFor, type ErrorInfo } from '@/lib/errors';
import { resetSession } from './session';

/** Signing in with email and password; the server sets the session cookie, the browser never sees a token. */
export function useSignIn() {
  const { mutate, loading } = useMutation(SignInDocument);
  const error = ref<ErrorInfo | null>(null);
  const message = computed(() => (error.value ? messageFor(error.value) : null));

  async function signIn(email: string, password: string): Promise<boolean> {
    error.value = null;
    try {
      const result = await mutate({ email: email.trim(), password });
      if (!result?.data?.signIn) return false;
      await resetSession();
      return true;
    } catch (err) {
      error.value = describeError(err);
      return false;
    }
  }

  return { signIn, loading, error, message };
}

/** Choosing a password from an invitation link, which signs the person in. */
export function useAcceptInvitation() {
  const { mutate, loading } = useMutation(AcceptInvitationDocument);
  const error = ref<ErrorInfo | null>(null);
  const message = computed(() => (error.value ? messageFor(error.value) : null));

  async function accept(token: string, password: string): Promise<boolean> {
    error.value = null;
    try {
      const result = await mutate({ token, password });
      if (!result?.data?.acceptInvitation) return false;
      await resetSession();
      return true;
    } catch (err) {
      error.value = describeError(err);
      return false;
    }
  }

  return { accept, loading, error, message };
}
