import { createSecretKey, KeyObject } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Role } from '@followthrough/shared-domain';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { bindRequestTenant } from '../database/tenant-scope';
import { forbidden, unauthenticated } from '../errors/app-errors';
import { Actor } from './actor';
import {
  ACCESS_TOKEN_ALGORITHM,
  actorFromClaims,
  MAX_ACCESS_TOKEN_SECONDS,
  VerifiedClaims,
} from './access-token-claims';
import {
  ALLOWED_BEFORE_MFA,
  ALLOWED_ROLES,
  IS_PUBLIC,
  REQUIRES_RECENT_MFA,
  requestOf,
  STEP_UP_SECONDS,
} from './auth.decorators';
import { SessionState, SessionVerifier } from './session-verifier';

/**
 * Global guard: every operation needs a valid access token unless marked @Public(); @Roles() narrows
 * further. Valid means: signed by this server with the pinned algorithm, issuer and audience, with an
 * `exp` at most 15 minutes out, and naming a live session whose membership still has the token's role.
 * It belongs to its own application (no process-wide registry), so several API instances in one process
 * each check with their own secret and database.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  // A ready key object: given a string, jsonwebtoken first tries (and fails) to parse it as a public
  // key on every request, which was the API's largest single CPU cost under load.
  private readonly key: KeyObject;
  private verifier: SessionVerifier | null = null;

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = requestOf(context);
    const authenticated = await this.authenticate(request.headers['authorization']);
    if (!authenticated) throw unauthenticated();
    const { actor, state } = authenticated;
    request.user = actor;
    if (state.mfaEnrolmentRequired && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_MFA, targets)) {
      throw forbidden(
        'Your agency requires two-step sign-in for your role: set up an authenticator app first (startMfaEnrolment, then confirmMfaEnrolment).',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(actor.role)) throw forbidden();
    if (this.reflector.getAllAndOverride<boolean>(REQUIRES_RECENT_MFA, targets) && !recentlyVerified(state)) {
      throw forbidden(
        'Confirm it is you first: send a code from your authenticator app (or a recovery code) with verifyMfa, then try again.',
      );
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<{ actor: Actor; state: SessionState } | null> {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header ?? '');
    if (!match) return null;
    let claims: VerifiedClaims;
    try {
      claims = this.jwt.verify<VerifiedClaims & object>(match[1], {
        secret: this.key as unknown as string,
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
      });
    } catch {
      return null;
    }
    const actor = actorFromClaims(claims, Math.min(this.config.jwt.ttlSeconds, MAX_ACCESS_TOKEN_SECONDS));
    if (!actor) return null;
    // The signature is ours: the rest of the request (the session check first) is bound to the token's agency.
    bindRequestTenant(actor.agencyId, actor.userId);
    // The signature only proves who issued the token; the session and membership say whether it still counts.
    const state = await this.sessionVerifier().check(actor);
    return state ? { actor, state } : null;
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

/** A step-up holds for people with a second factor; without one there is nothing more to ask. */
function recentlyVerified(state: SessionState, now = Date.now()): boolean {
  if (!state.mfaEnabled) return true;
  return state.mfaVerifiedAt !== null && now - state.mfaVerifiedAt.getTime() <= STEP_UP_SECONDS * 1000;
}
