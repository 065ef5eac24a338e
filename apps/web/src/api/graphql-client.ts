import { Client, CombinedError, fetchExchange, mapExchange, Operation } from '@urql/core';
import { authExchange } from '@urql/exchange-auth';
import { refocusExchange } from '@urql/exchange-refocus';
import { createGraphqlCache } from './graphql-cache';

const ENDPOINT = '/graphql';

export interface ClientAuth {
  /** The access token to send now (read at send time, so a refreshed token is used at once). */
  accessToken(): string | null;
  /** Gets a new access token, or gives up (and shows the session-ended dialog); true when it got one. */
  refresh(): Promise<boolean>;
}

function sentWithToken(operation: Operation): boolean {
  const options =
    typeof operation.context.fetchOptions === 'function'
      ? operation.context.fetchOptions()
      : operation.context.fetchOptions;
  const headers = (options?.headers ?? {}) as Record<string, string>;
  return typeof headers['authorization'] === 'string';
}

function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((graphqlError) => graphqlError.extensions?.['code'] === 'UNAUTHENTICATED');
}

/**
 * A phone that loses its connection keeps what it showed: a query whose refetch gets no answer at all
 * answers with its last data (and the network error), rather than emptying the page.
 */
function keepLastAnswerExchange() {
  const lastData = new Map<number, unknown>();
  return mapExchange({
    onResult(result) {
      if (result.operation.kind !== 'query') return result;
      if (result.data != null) {
        lastData.set(result.operation.key, result.data);
        return result;
      }
      const unanswered = result.error?.networkError !== undefined && !result.error.response;
      return unanswered && lastData.has(result.operation.key)
        ? { ...result, data: lastData.get(result.operation.key), stale: true }
        : result;
    },
  });
}

/**
 * The signed-in person's GraphQL client: the normalized cache, then the bearer token on every
 * request. An answer UNAUTHENTICATED to a request that carried a token refreshes the session once
 * (every request waiting on the same refresh) and sends the request again; a wrong password at sign-in
 * carries no token and is answered as it is.
 */
export function createApiClient(auth: ClientAuth): Client {
  return new Client({
    url: ENDPOINT,
    // Show what the cache has at once and ask the server too, so a page never stays stale.
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
    exchanges: [
      // Coming back to the tab asks the queries on screen again (a coach sees a new assignment at once).
      refocusExchange(),
      keepLastAnswerExchange(),
      createGraphqlCache(),
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const token = auth.accessToken();
          return token ? utils.appendHeaders(operation, { authorization: `Bearer ${token}` }) : operation;
        },
        didAuthError: (error, operation) => sentWithToken(operation) && isUnauthenticated(error),
        async refreshAuth() {
          await auth.refresh();
        },
      })),
      fetchExchange,
    ],
  });
}

/** A client without token or cache, for the session's own calls (refresh, sign-in again). */
export const sessionClient = new Client({
  url: ENDPOINT,
  requestPolicy: 'network-only',
  preferGetMethod: false,
  exchanges: [fetchExchange],
});
