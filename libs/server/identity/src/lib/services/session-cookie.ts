import type { CookieOptions, Request } from 'express';
import { parse } from 'cookie';

/** The refresh token's cookie: only for the GraphQL endpoint, never readable by scripts. */
export const REFRESH_COOKIE = 'ft_refresh';
const COOKIE_PATH = '/graphql';

/** Secure everywhere except plain-HTTP development on localhost, where browsers would drop it. */
export function refreshCookieOptions(publicUrl: string, expiresAt?: Date): CookieOptions {
  const { protocol, hostname } = new URL(publicUrl);
  const local = protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: !local,
    path: COOKIE_PATH,
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}

export function setRefreshCookie(request: Request, publicUrl: string, token: string, expiresAt: Date): void {
  request.res?.cookie(REFRESH_COOKIE, token, refreshCookieOptions(publicUrl, expiresAt));
}

export function clearRefreshCookie(request: Request, publicUrl: string): void {
  request.res?.clearCookie(REFRESH_COOKIE, refreshCookieOptions(publicUrl));
}

export function refreshTokenOf(request: Request): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  return parse(header)[REFRESH_COOKIE] ?? null;
}
