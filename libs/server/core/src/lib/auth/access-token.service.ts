import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { AccessTokenClaims, Actor } from './actor';
import { ACCESS_TOKEN_ALGORITHM, MAX_ACCESS_TOKEN_SECONDS } from './access-token-claims';

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A short-lived token for one session; the guard checks the session and membership on every request. */
  issue(actor: Required<Actor>): { token: string; expiresAt: Date } {
    const claims: AccessTokenClaims = {
      sub: actor.userId,
      agency: actor.agencyId,
      membership: actor.membershipId,
      role: actor.role,
      sid: actor.sessionId,
    };
    const ttlSeconds = Math.min(this.config.jwt.ttlSeconds, MAX_ACCESS_TOKEN_SECONDS);
    const token = this.jwt.sign(claims, {
      secret: this.config.jwt.secret,
      algorithm: ACCESS_TOKEN_ALGORITHM,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      expiresIn: ttlSeconds,
    });
    return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }
}
