/** GraphQL over HTTP as a demo account, for setting the stage of a browser scenario (not for what it proves). */
export async function apiSignIn(baseUrl: string, email: string, password = 'agrement-demo'): Promise<string> {
  const result = await api<{ signIn: { token: string } }>(
    baseUrl,
    null,
    'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p, bearer: true) { token } }',
    {
      e: email,
      p: password,
    },
  );
  return result.signIn.token;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scenario data is read loosely
export async function api<T = Record<string, any>>(
  baseUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}
