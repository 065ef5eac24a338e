import type { AuthPayloadFieldsFragment } from '../api/generated/graphql';

type AuthPayload = AuthPayloadFieldsFragment;

/**
 * Who is signed in. The access token lives in memory and in this tab's sessionStorage only; the
 * refresh token is an HttpOnly cookie that scripts never see.
 */
export interface Session {
  accessToken: string;
  user: AuthPayload['user'];
  membership: AuthPayload['membership'];
}

const STORAGE_KEY = 'followthrough.session';

export function sessionFromAuthPayload(payload: AuthPayload): Session {
  return { accessToken: payload.accessToken, user: payload.user, membership: payload.membership };
}

/** When the access token ends (its `exp`), or null when it cannot be read. */
export function accessTokenExpiry(accessToken: string): Date | null {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
  } catch {
    return null;
  }
}

export function loadStoredSession(storage: Pick<Storage, 'getItem'> = window.sessionStorage): Session | null {
  try {
    const stored = storage.getItem(STORAGE_KEY);
    if (!stored) return null;
    const session = JSON.parse(stored) as Partial<Session>;
    if (typeof session.accessToken !== 'string' || !session.user || !session.membership) return null;
    return session as Session;
  } catch {
    return null;
  }
}

export function storeSession(
  session: Session | null,
  storage: Pick<Storage, 'setItem' | 'removeItem'> = window.sessionStorage,
): void {
  if (session) storage.setItem(STORAGE_KEY, JSON.stringify(session));
  else storage.removeItem(STORAGE_KEY);
}
