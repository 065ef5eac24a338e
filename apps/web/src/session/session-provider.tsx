import { ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Client, Provider as GraphqlProvider } from 'urql';
import { createApiClient } from '../api/graphql-client';
import { accessTokenExpiry, loadStoredSession, Session, storeSession } from './session';
import { SessionApi, SessionContext } from './session-context';
import { SessionEndedDialog } from './session-ended-dialog';
import { endServerSession, refreshSession } from './session-refresh';

// Refresh this long before the access token ends, so requests rarely meet an expired one.
const REFRESH_AHEAD_MS = 60_000;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadStoredSession());
  const [endedNotice, setEndedNotice] = useState<string | null>(null);
  // The session ended under an open page: a dialog asks for the password and the page (and its drafts) stays.
  const [ended, setEnded] = useState(false);
  // Requests read the token from here so a callback made before sign-in never sends a stale one.
  const tokenRef = useRef<string | null>(session?.accessToken ?? null);
  const endedRef = useRef(false);
  const refreshing = useRef<Promise<Session | null> | null>(null);

  const adopt = useCallback((next: Session) => {
    tokenRef.current = next.accessToken;
    endedRef.current = false;
    storeSession(next);
    setEnded(false);
    setSession(next);
  }, []);

  const signIn = useCallback(
    (next: Session) => {
      setEndedNotice(null);
      adopt(next);
    },
    [adopt],
  );

  const signOut = useCallback((notice?: string) => {
    const token = tokenRef.current;
    tokenRef.current = null;
    endedRef.current = false;
    storeSession(null);
    setEndedNotice(notice ?? null);
    setEnded(false);
    setSession(null);
    if (token) endServerSession(token);
  }, []);

  const markEnded = useCallback(() => {
    endedRef.current = true;
    setEnded(true);
  }, []);

  /** One refresh at a time; every request that met an expired token waits for the same one. */
  const refresh = useCallback((): Promise<Session | null> => {
    if (endedRef.current) return Promise.resolve(null);
    refreshing.current ??= refreshSession()
      .then((next) => {
        if (next && tokenRef.current !== null) adopt(next);
        else if (tokenRef.current !== null) markEnded();
        return next;
      })
      .finally(() => {
        refreshing.current = null;
      });
    return refreshing.current;
  }, [adopt, markEnded]);

  // One client (and so one cache) per signed-in person and agency: nothing cached for one is shown to another.
  const cacheOwner = session ? `${session.user.id}:${session.membership.agency.id}` : null;
  const clientRef = useRef<{ owner: string | null; client: Client } | null>(null);
  const client = useMemo(() => {
    const current = clientRef.current;
    // Signing in keeps the signed-out client (it holds nobody's data), so what the sign-in page
    // fetched for the home page stays; another person, or signing out, starts an empty cache.
    if (current && (current.owner === cacheOwner || current.owner === null)) {
      current.owner = cacheOwner;
      return current.client;
    }
    const created = createApiClient({
      accessToken: () => tokenRef.current,
      refresh: async () => (await refresh()) !== null,
    });
    clientRef.current = { owner: cacheOwner, client: created };
    return created;
  }, [cacheOwner, refresh]);

  // Silent refresh shortly before the access token ends.
  useEffect(() => {
    if (!session || ended) return;
    const expiry = accessTokenExpiry(session.accessToken);
    if (!expiry) return;
    const timer = window.setTimeout(
      () => void refresh(),
      Math.max(expiry.getTime() - Date.now() - REFRESH_AHEAD_MS, 0),
    );
    return () => window.clearTimeout(timer);
  }, [session, ended, refresh]);

  const api = useMemo<SessionApi>(
    () => ({ session, endedNotice, signIn, signOut }),
    [session, endedNotice, signIn, signOut],
  );
  return (
    <SessionContext.Provider value={api}>
      <GraphqlProvider value={client}>{children}</GraphqlProvider>
      {session && ended && <SessionEndedDialog session={session} onSignedIn={adopt} onSignOut={() => signOut()} />}
    </SessionContext.Provider>
  );
}
