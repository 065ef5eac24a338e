import { ApiError, GraphqlErrorBody } from './api-error';

export type Variables = Record<string, unknown>;

/** Sends one GraphQL operation to this origin's /graphql and returns its data, or throws an ApiError. */
export async function graphqlRequest<TData>(
  query: string,
  variables: Variables = {},
  accessToken?: string | null,
): Promise<TData> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The server cannot be reached. Check your connection and try again.', 'NETWORK');
  }
  let body: { data?: TData | null; errors?: GraphqlErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The server answered with an unexpected response (HTTP ${response.status}).`, 'INTERNAL');
  }
  const firstError = body.errors?.[0];
  if (firstError) throw ApiError.fromGraphqlError(firstError);
  if (body.data == null) throw new ApiError('The server answered without data.', 'INTERNAL');
  return body.data;
}
