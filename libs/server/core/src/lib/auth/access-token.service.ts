import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { AccessTokenClaims, Actor } from './actor';
import { ACCESS_TOKEN_ALGORITHM } from './jwt.strategy';

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(actor: Actor): string {
    const claims: AccessTokenClaims = { sub: actor.userId, agency: actor.agencyId, membership: actor.membershipId, role: actor.role };
    return this.jwt.sign(claims, {
      secret: this.config.jwt.secret,
      algorithm: ACCESS_TOKEN_ALGORITHM,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      expiresIn: this.config.jwt.ttlSeconds,
    });
  }
}
