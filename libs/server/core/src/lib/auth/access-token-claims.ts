import { Role } from '@followthrough/shared-domain';
import { AccessTokenClaims, Actor } from './actor';

export const ACCESS_TOKEN_ALGORITHM = 'HS256';
/** The longest life an access token may have, whatever it says about itself. */
export const MAX_ACCESS_TOKEN_SECONDS = 900;

export type VerifiedClaims = Partial<AccessTokenClaims> & { iat?: unknown; exp?: unknown };

/** Pure: the actor a verified token's claims describe, or null when they are incomplete or live too long. */
export function actorFromClaims(
  claims: VerifiedClaims,
  ttlSeconds: number,
  nowSeconds = Date.now() / 1000,
): Required<Actor> | null {
  const { sub, agency, membership, role, sid, iat, exp } = claims;
  if (!sub || !agency || !membership || !sid || !role || !Object.values(Role).includes(role)) return null;
  // jsonwebtoken accepts a token without exp; a token here must say when it ends, and soon.
  if (typeof exp !== 'number' || typeof iat !== 'number') return null;
  if (exp - iat > ttlSeconds || exp > nowSeconds + ttlSeconds) return null;
  return { userId: sub, agencyId: agency, membershipId: membership, role, sessionId: sid };
}
