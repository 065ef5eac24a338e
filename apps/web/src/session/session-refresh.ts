import { print } from 'graphql';
import { RefreshSessionDocument, SignOutDocument } from '../api/generated/graphql';
import { sessionClient } from '../api/graphql-client';
import { Session, sessionFromAuthPayload } from './session';

/**
 * Trades the refresh cookie for a new access token. Tabs share the cookie and the server ends a
 * session whose refresh token is used twice, so tabs take turns (Web Locks) rather than race.
 */
export async function refreshSession(): Promise<Session | null> {
  const run = async () => {
    const result = await sessionClient.mutation(RefreshSessionDocument, {}).toPromise();
    return result.data ? sessionFromAuthPayload(result.data.refreshSession) : null;
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
    body: JSON.stringify({ query: print(SignOutDocument) }),
  }).catch(() => undefined);
}
