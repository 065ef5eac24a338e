import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Role } from '@followthrough/shared-domain';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { AccessTokenClaims, Actor } from './actor';
import { SessionVerifier } from './session-verifier';

export const ACCESS_TOKEN_ALGORITHM = 'HS256';
/** The longest life an access token may have, whatever it says about itself. */
export const MAX_ACCESS_TOKEN_SECONDS = 900;

type VerifiedClaims = Partial<AccessTokenClaims> & { iat?: unknown; exp?: unknown };

/** Pure: the actor a verified token's claims describe, or null when they are incomplete or live too long. */
export function actorFromClaims(claims: VerifiedClaims, ttlSeconds: number, nowSeconds = Date.now() / 1000): Required<Actor> | null {
  const { sub, agency, membership, role, sid, iat, exp } = claims;
  if (!sub || !agency || !membership || !sid || !role || !Object.values(Role).includes(role)) return null;
  // jsonwebtoken accepts a token without exp; a token here must say when it ends, and soon.
  if (typeof exp !== 'number' || typeof iat !== 'number') return null;
  if (exp - iat > ttlSeconds || exp > nowSeconds + ttlSeconds) return null;
  return { userId: sub, agencyId: agency, membershipId: membership, role, sessionId: sid };
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private verifier: SessionVerifier | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A ready key object: given a string, jsonwebtoken first tries (and fails) to parse it as a
      // public key on every request, which was the API's largest single CPU cost under load.
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')) as unknown as string,
      // Pinned: a token signed with any other algorithm (or "none") is refused.
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
    });
  }

  async validate(claims: VerifiedClaims): Promise<Actor | false> {
    const actor = actorFromClaims(claims, Math.min(this.config.jwt.ttlSeconds, MAX_ACCESS_TOKEN_SECONDS));
    if (!actor) return false;
    // The signature only proves who issued the token; the session and membership say whether it still counts.
    return (await this.sessionVerifier().isCurrent(actor)) ? actor : false;
  }

  private sessionVerifier(): SessionVerifier {
    // Provided by the identity context, which every API process loads; resolved once, on first use.
    if (!this.verifier) {
      const found = this.moduleRef.get(SessionVerifier, { strict: false }) as SessionVerifier | null;
      if (!found) throw new Error('No SessionVerifier: the identity module is not loaded');
      this.verifier = found;
    }
    return this.verifier;
  }
}
