import { apolloClient, restartLiveConnection } from '@/apollo';
import { MeDocument, type MeQuery } from '@/gql/graphql';

export type Viewer = NonNullable<MeQuery['me']>;

/**
 * Who is signed in, for the router's guard (outside any component). Answered from the cache once known; a network
 * failure counts as signed out, and the sign-in page then says that the server cannot be reached.
 */
export async function loadViewer(): Promise<Viewer | null> {
  try {
    const { data } = await apolloClient.query({ query: MeDocument, fetchPolicy: 'cache-first' });
    return data.me ?? null;
  } catch {
    return null;
  }
}

/**
 * Forgets everything the previous person could see and reopens the live connection under the new session cookie.
 * Called after signing in, signing out, or when the server says the session is gone.
 */
export async function resetSession(): Promise<void> {
  await apolloClient.clearStore();
  restartLiveConnection();
}
