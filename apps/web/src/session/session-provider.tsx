import { ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';
import { graphqlRequest, Variables } from '../api/graphql-request';
import { loadStoredSession, Session, storeSession } from './session';
import { SessionApi, SessionContext } from './session-context';

const EXPIRED_NOTICE = 'Your session has ended. Please sign in again.';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadStoredSession());
  const [endedNotice, setEndedNotice] = useState<string | null>(null);
  // Requests read the token from here so a callback made before sign-in never sends a stale one.
  const tokenRef = useRef<string | null>(session?.accessToken ?? null);

  const signIn = useCallback((next: Session) => {
    tokenRef.current = next.accessToken;
    storeSession(next);
    setEndedNotice(null);
    setSession(next);
  }, []);

  const signOut = useCallback((notice?: string) => {
    tokenRef.current = null;
    storeSession(null);
    setEndedNotice(notice ?? null);
    setSession(null);
  }, []);

  const request = useCallback(
    async <TData,>(query: string, variables?: Variables): Promise<TData> => {
      const token = tokenRef.current;
      try {
        return await graphqlRequest<TData>(query, variables, token);
      } catch (error) {
        if (token && error instanceof ApiError && error.code === 'UNAUTHENTICATED' && tokenRef.current === token) {
          signOut(EXPIRED_NOTICE);
        }
        throw error;
      }
    },
    [signOut],
  );

  const api = useMemo<SessionApi>(() => ({ session, endedNotice, signIn, signOut, request }), [session, endedNotice, signIn, signOut, request]);
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}
