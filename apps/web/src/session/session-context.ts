import { createContext, useContext } from 'react';
import type { Variables } from '../api/graphql-request';
import type { Session } from './session';

export interface SessionApi {
  session: Session | null;
  /** Why the last session ended, when it ended by itself (shown on the sign-in page). */
  endedNotice: string | null;
  signIn(session: Session): void;
  signOut(notice?: string): void;
  /** Runs a GraphQL operation as the signed-in person; an expired token signs them out. */
  request<TData>(query: string, variables?: Variables): Promise<TData>;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession must be used inside <SessionProvider>');
  return api;
}

/** The session of a page that only signed-in people reach. */
export function useSignedInSession(): Session {
  const { session } = useSession();
  if (!session) throw new Error('This page needs a signed-in person');
  return session;
}
