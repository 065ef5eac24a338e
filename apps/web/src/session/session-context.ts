import { createContext, useContext } from 'react';
import type { Session } from './session';

export interface SessionApi {
  session: Session | null;
  /** Why the last session ended, when it ended by itself (shown on the sign-in page). */
  endedNotice: string | null;
  signIn(session: Session): void;
  signOut(notice?: string): void;
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
