import { graphqlRequest } from '../api/graphql-request';
import type { AuthPayload } from '../api/identity-operations';
import { Session, sessionFromAuthPayload } from './session';

const AUTH_FIELDS = 'accessToken user { id email name } membership { role agency { id name } }';
const REFRESH_SESSION = `mutation RefreshSession { refreshSession { ${AUTH_FIELDS} } }`;
const SIGN_OUT = 'mutation SignOut { signOut }';

/**
 * Trades the refresh cookie for a new access token. Tabs share the cookie and the server ends a
 * session whose refresh token is used twice, so tabs take turns (Web Locks) rather than race.
 */
export async function refreshSession(): Promise<Session | null> {
  const run = async () => {
    try {
      const { refreshSession: payload } = await graphqlRequest<{ refreshSession: AuthPayload }>(REFRESH_SESSION);
      return sessionFromAuthPayload(payload);
    } catch {
      return null;
    }
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('followthrough.refresh', run) : run();
}

/** Ends the session on the server too (its refresh cookie is cleared), even while the page navigates away. */
export function endServerSession(accessToken: string): void {
  void fetch('/graphql', {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query: SIGN_OUT }),
  }).catch(() => undefined);
}
