import { createHash, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { normalizeEmail, Role } from '@followthrough/shared-domain';
import {
  Actor,
  AppError,
  AuditService,
  badInput,
  notFound,
  runAsTenant,
  runCrossTenant,
  SignedLinkService,
} from '@followthrough/server-core';
import {
  AcceptInvitationInput,
  ChangePasswordInput,
  CompleteSignUpInput,
  LoginInput,
  RegisterAgencyInput,
  ResetPasswordInput,
} from '../dto/identity.inputs';
import { AuthPayload, ViewerView } from '../dto/identity.types';
import { Agency } from '../entities/agency.entity';
import { Invitation } from '../entities/invitation.entity';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { PasswordHasher } from '../password/password-hasher.service';
import { viewerOf } from './identity-views';
import { LoginThrottleService } from './login-throttle.service';
import { DeviceInfo, IssuedSession, SessionService } from './session.service';
import { MfaService } from './mfa.service';
import { IdentityMailService, RESET_PASSWORD_PATH, VERIFY_EMAIL_PATH } from './identity-mail.service';

const WRONG_CREDENTIALS = 'The e-mail or the password is incorrect.';

const invalidInvitation = () =>
  badInput('input.token', 'this invitation is invalid, already used or expired; ask your agency for a new one');

function isUsable(invitation: Invitation): boolean {
  return !invitation.acceptedAt && invitation.expiresAt.getTime() > Date.now();
}

const RESET_PURPOSE = 'password-reset';
/** A sign-up link proves the address it was sent to (LINK_LIFETIME_DAYS gives it a day). */
const SIGN_UP_PURPOSE = 'verify-email';

/** What a sign-up link carries: the address, the agency's name and time zone, the admin's name. */
interface SignUpClaims {
  e: string;
  a: string;
  t: string;
  n: string;
}

const invalidSignUpLink = () =>
  badInput('input.token', 'this sign-up link is invalid or expired (links last 24 hours); sign up again for a new one');
const signUpLinkUsed = () =>
  badInput('input.token', 'this sign-up link was already used: the address has an account, so sign in instead');

const invalidResetLink = () =>
  badInput('input.token', 'this reset link is invalid, already used or expired; ask for a new one');

/**
 * Ties a reset link to the password it replaces: once the password changes (by this link or any
 * other way) the fingerprint no longer matches, which is what makes the link single-use.
 */
function passwordFingerprint(passwordHash: string): string {
  return createHash('sha256').update(`reset\n${passwordHash}`).digest('base64url').slice(0, 22);
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly mfa: MfaService,
    private readonly audit: AuditService,
    private readonly links: SignedLinkService,
    private readonly mail: IdentityMailService,
  ) {}

  private readonly logger = new Logger('Auth');

  /** A failed sign-in of a known account, in each of its agencies' trails; not awaited, so it adds no time an unknown e-mail would not. */
  private auditFailedLogin(
    userId: string,
    ip: string,
    action: 'auth.login.failed' | 'auth.mfa.failed' = 'auth.login.failed',
  ): void {
    void runCrossTenant(
      'own-account',
      () => this.dataSource.query(`SELECT agency_id FROM memberships WHERE user_id = $1`, [userId]),
      userId,
    )
      .then((rows: { agency_id: string }[]) =>
        this.audit.recordAuth({ action, userId, agencyIds: rows.map((row) => row.agency_id), ip }),
      )
      .catch(() => undefined);
  }

  /**
   * Nothing is created yet: the address is mailed a link that carries what was typed, signed, and the
   * agency comes into being when that link is followed (completeSignUp). So an account always starts
   * from its own mailbox, and nobody can hold an address they do not read. The answer and its timing
   * are the same for an address that already has an account, whose owner is mailed instead.
   */
  async registerAgency(input: RegisterAgencyInput, ip: string): Promise<boolean> {
    const email = normalizeEmail(input.adminEmail);
    await this.throttle.registerAction('register', ip, email);
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    if (user) {
      this.mail.signUpWithExistingAddress(user.email, user.name);
    } else {
      const claims: SignUpClaims = { e: email, a: input.agencyName, t: input.timezone, n: input.adminName };
      const link = this.links.url(VERIFY_EMAIL_PATH, SIGN_UP_PURPOSE, { ...claims });
      this.mail.verifyAddress(email, input.adminName, input.agencyName, link);
    }
    return true;
  }

  /**
   * Creates the agency and its admin from a sign-up link. The link is checked before any hashing; it is
   * single-use because its address then has an account (users.email is unique, so two uses at once
   * cannot both pass either).
   */
  async completeSignUp(input: CompleteSignUpInput, device: DeviceInfo): Promise<SignedIn> {
    await this.throttle.registerAction('complete-sign-up', device.ip);
    const claims = this.links.verify(SIGN_UP_PURPOSE, input.token)?.claims;
    if (!claims || !claims['e'] || !claims['a'] || !claims['t'] || !claims['n']) throw invalidSignUpLink();
    const { e: email, a: agencyName, t: timezone, n: adminName } = claims as unknown as SignUpClaims;
    await this.throttle.registerActionAddress('complete-sign-up', email);
    if (await this.dataSource.getRepository(User).existsBy({ email })) throw signUpLinkUsed();
    const passwordHash = await this.passwords.hash(input.password);
    // The new agency's id is chosen here, so that its rows are written bound to it from the first one.
    const agencyId = randomUUID();
    return runAsTenant(agencyId, () =>
      this.dataSource.transaction(async (manager) => {
        const agency = await manager.save(manager.create(Agency, { id: agencyId, name: agencyName, timezone }));
        const user = await manager
          .save(manager.create(User, { email, name: adminName, passwordHash }))
          .catch((error: unknown) => {
            // The same link followed twice at once: the other use created the account first.
            if ((error as { code?: string }).code === '23505') throw signUpLinkUsed();
            throw error;
          });
        const membership = await manager.save(
          manager.create(Membership, { agencyId: agency.id, userId: user.id, role: Role.AGENCY_ADMIN }),
        );
        return this.signIn(user, membership, agency, device, manager);
      }),
    );
  }

  async login(input: LoginInput, device: DeviceInfo): Promise<SignedIn> {
    const ip = device.ip;
    const email = normalizeEmail(input.email);
    await this.throttle.registerAttempt(email, ip);
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    // Always verify, against a decoy hash for an unknown e-mail, so both answers take the same time.
    const valid = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    const membership = valid && user ? await this.membershipToSignIn(user.id, input.agencyId) : null;
    if (!user || !membership) {
      if (user) this.auditFailedLogin(user.id, ip);
      throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    if (user.mfaEnabledAt) {
      // The password was right; a wrong code still counts as a failed attempt (no recordSuccess).
      if (!input.otp)
        throw badInput('input.otp', 'enter the 6-digit code from your authenticator app, or a recovery code');
      if (!(await this.mfa.consumeSecondFactor(user, input.otp))) {
        this.auditFailedLogin(user.id, ip, 'auth.mfa.failed');
        throw badInput('input.otp', 'this code is not right or was already used');
      }
    }
    await this.throttle.recordSuccess(email, ip);
    // From here on the agency is known: the session is started bound to it.
    return runAsTenant(
      membership.agencyId,
      async () => {
        const agency = await this.dataSource.getRepository(Agency).findOneByOrFail({ id: membership.agencyId });
        const signedIn = await this.signIn(user, membership, agency, device, undefined, !!user.mfaEnabledAt);
        await this.audit.recordAuth({
          action: 'auth.login.succeeded',
          userId: user.id,
          agencyIds: [agency.id],
          sessionId: signedIn.session.sessionId,
          ip,
        });
        return signedIn;
      },
      user.id,
    );
  }

  async acceptInvitation(input: AcceptInvitationInput, device: DeviceInfo): Promise<SignedIn> {
    const ip = device.ip;
    // Cheap checks first: the caller's attempt is counted and the token looked up before any argon2 work.
    await this.throttle.registerAction('accept', ip);
    const tokenHash = hashInvitationToken(input.token);
    // The token is all there is before the agency is known: the one cross-agency read of invitations.
    const invited = await runCrossTenant('invitation', () =>
      this.dataSource.getRepository(Invitation).findOneBy({ tokenHash }),
    );
    if (!invited || !isUsable(invited)) throw invalidInvitation();
    await this.throttle.registerActionAddress('accept', invited.email);
    const existing = await this.dataSource.getRepository(User).findOneBy({ email: invited.email });
    let newPasswordHash: string | null = null;
    if (existing) {
      // Joining with an existing account proves its password: the same slowdown as signing in applies.
      await this.throttle.registerAttempt(invited.email, ip);
      if (!(await this.passwords.verify(existing.passwordHash, input.password))) {
        throw badInput('input.password', 'this e-mail already has an account; enter its current password to join');
      }
      // Joining signs in: an account with a second factor gives it here too.
      if (existing.mfaEnabledAt) {
        if (!input.otp)
          throw badInput('input.otp', 'enter the 6-digit code from your authenticator app, or a recovery code');
        if (!(await this.mfa.consumeSecondFactor(existing, input.otp))) {
          this.auditFailedLogin(existing.id, ip, 'auth.mfa.failed');
          throw badInput('input.otp', 'this code is not right or was already used');
        }
      }
      await this.throttle.recordSuccess(invited.email, ip);
    } else {
      // Hash before the transaction: argon2 is slow and must not hold row locks.
      newPasswordHash = await this.passwords.hash(input.password);
    }
    return runAsTenant(invited.agencyId, () =>
      this.dataSource.transaction(async (manager) => {
        const invitation = await manager
          .getRepository(Invitation)
          .createQueryBuilder('invitation')
          .setLock('pessimistic_write')
          .where('invitation.token_hash = :tokenHash', { tokenHash })
          .getOne();
        if (!invitation || !isUsable(invitation)) throw invalidInvitation();
        invitation.acceptedAt = new Date();
        await manager.save(invitation);

        const user = existing ?? (await this.createInvitedUser(manager, invitation.email, input.name, newPasswordHash));
        if (await manager.existsBy(Membership, { agencyId: invitation.agencyId, userId: user.id })) {
          throw badInput('input.token', 'you are already a member of this agency; sign in instead');
        }
        const membership = await manager.save(
          manager.create(Membership, { agencyId: invitation.agencyId, userId: user.id, role: invitation.role }),
        );
        const agency = await manager.findOneByOrFail(Agency, { id: invitation.agencyId });
        return this.signIn(user, membership, agency, device, manager, !!existing?.mfaEnabledAt);
      }),
    );
  }

  async viewer(actor: Actor): Promise<ViewerView> {
    const membership = await this.dataSource.getRepository(Membership).findOne({
      where: { id: actor.membershipId, agencyId: actor.agencyId },
      relations: { user: true, agency: true },
    });
    if (!membership?.user || !membership.agency) throw notFound('Your membership');
    return viewerOf(membership.user, membership, membership.agency);
  }

  private async createInvitedUser(
    manager: EntityManager,
    email: string,
    name: string,
    passwordHash: string | null,
  ): Promise<User> {
    // The account appeared between the check and the transaction: its password was never proven.
    if (!passwordHash || (await manager.existsBy(User, { email }))) {
      throw badInput('input.password', 'this e-mail already has an account; enter its current password to join');
    }
    return manager.save(manager.create(User, { email, name, passwordHash }));
  }

  /** The person's own memberships are readable across agencies once their password is proven. */
  private async membershipToSignIn(userId: string, agencyId?: string): Promise<Membership | null> {
    return runCrossTenant(
      'own-account',
      () =>
        this.dataSource.getRepository(Membership).findOne({
          where: agencyId ? { userId, agencyId } : { userId },
          order: { createdAt: 'ASC' },
        }),
      userId,
    );
  }

  /** A fresh access token (and rotated refresh token) for the session a refresh token belongs to. */
  async refresh(refreshToken: string | null, device: DeviceInfo): Promise<SignedIn> {
    const { session, membership } = await this.sessions.refresh(refreshToken, device);
    return runAsTenant(membership.agencyId, () => this.refreshed(session, membership, device), membership.userId);
  }

  private async refreshed(session: IssuedSession, membership: Membership, device: DeviceInfo): Promise<SignedIn> {
    await this.audit.recordAuth({
      action: 'auth.refreshed',
      userId: membership.userId,
      agencyIds: [membership.agencyId],
      sessionId: session.sessionId,
      ip: device.ip,
    });
    const [user, agency] = await Promise.all([
      this.dataSource.getRepository(User).findOneByOrFail({ id: membership.userId }),
      this.dataSource.getRepository(Agency).findOneByOrFail({ id: membership.agencyId }),
    ]);
    return {
      payload: {
        accessToken: session.accessToken,
        accessTokenExpiresAt: session.accessTokenExpiresAt,
        ...viewerOf(user, membership, agency),
      },
      session,
    };
  }

  /** Ends the session this request came with. */
  async signOut(actor: Actor): Promise<boolean> {
    if (actor.sessionId) await this.sessions.revoke(actor.userId, actor.sessionId, 'signed_out');
    await this.audit.recordAuth({
      action: 'auth.signed_out',
      userId: actor.userId,
      agencyIds: [actor.agencyId],
      sessionId: actor.sessionId ?? null,
      ip: 'n/a',
    });
    return true;
  }

  /** Ends every session of the signed-in person, in every agency. */
  async signOutEverywhere(actor: Actor): Promise<boolean> {
    await runCrossTenant(
      'own-account',
      () => this.sessions.revokeAll(actor.userId, 'signed_out_everywhere'),
      actor.userId,
    );
    await this.audit.recordAuth({
      action: 'auth.signed_out_everywhere',
      userId: actor.userId,
      agencyIds: [actor.agencyId],
      ip: 'n/a',
    });
    return true;
  }

  /** Proves the current password (counted like a sign-in), then ends every other session. */
  async changePassword(actor: Actor, input: ChangePasswordInput, ip: string): Promise<boolean> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.userId });
    await this.throttle.registerAttempt(user.email, ip);
    if (!(await this.passwords.verify(user.passwordHash, input.currentPassword))) {
      throw badInput('input.currentPassword', 'this is not your current password');
    }
    await this.throttle.recordSuccess(user.email, ip);
    const passwordHash = await this.passwords.hash(input.newPassword);
    // Every session of the person ends, in every agency: their own sessions are reachable across agencies here.
    await runCrossTenant(
      'own-account',
      () =>
        this.dataSource.transaction(async (manager) => {
          await manager.update(User, { id: user.id }, { passwordHash });
          await this.sessions.revokeAll(user.id, 'password_changed', actor.sessionId, manager);
        }),
      user.id,
    );
    await this.audit.recordAuth({ action: 'auth.password_changed', userId: user.id, agencyIds: [actor.agencyId], ip });
    return true;
  }

  /**
   * Mails a reset link when the address has an account. The answer is the same either way, and the
   * mail is not awaited, so nobody learns from it whether an address is registered.
   */
  async requestPasswordReset(rawEmail: string, ip: string): Promise<boolean> {
    const email = normalizeEmail(rawEmail);
    await this.throttle.registerAction('reset', ip, email);
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    if (user) {
      const link = this.links.url(RESET_PASSWORD_PATH, RESET_PURPOSE, {
        u: user.id,
        f: passwordFingerprint(user.passwordHash),
      });
      this.mail.passwordReset(user.email, user.name, link);
    }
    return true;
  }

  /**
   * Sets a new password with a reset link. The link is checked (signature, purpose, age, and that the
   * password is still the one it was made for) before any hashing; every session of the person ends.
   * Following the link proves the person reads that mailbox, so the address counts as verified.
   */
  async resetPassword(input: ResetPasswordInput, ip: string): Promise<boolean> {
    await this.throttle.registerAction('reset', ip);
    const claims = this.links.verify(RESET_PURPOSE, input.token)?.claims;
    const userId = claims?.['u'];
    if (!claims || !userId || !/^[0-9a-f-]{36}$/i.test(userId)) throw invalidResetLink();
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user || passwordFingerprint(user.passwordHash) !== claims['f']) throw invalidResetLink();
    const passwordHash = await this.passwords.hash(input.newPassword);
    // The person's own sessions and memberships, in every agency (the link proved who they are).
    const agencyIds = await runCrossTenant(
      'own-account',
      () =>
        this.dataSource.transaction(async (manager) => {
          // Two uses of one link at once: the row lock makes the second see the new password and fail.
          const locked: { password_hash: string }[] = await manager.query(
            `SELECT password_hash FROM users WHERE id = $1 FOR UPDATE`,
            [user.id],
          );
          if (!locked[0] || passwordFingerprint(locked[0].password_hash) !== claims['f']) throw invalidResetLink();
          await manager.update(User, { id: user.id }, { passwordHash });
          await this.sessions.revokeAll(user.id, 'password_reset', undefined, manager);
          const rows: { agency_id: string }[] = await manager.query(
            `SELECT agency_id FROM memberships WHERE user_id = $1`,
            [user.id],
          );
          return rows.map((row) => row.agency_id);
        }),
      user.id,
    );
    await this.audit
      .recordAuth({ action: 'auth.password_reset', userId: user.id, agencyIds, ip })
      .catch((error: unknown) => this.logger.warn(`Could not audit a password reset: ${String(error)}`));
    return true;
  }

  private async signIn(
    user: User,
    membership: Membership,
    agency: Agency,
    device: DeviceInfo,
    manager?: EntityManager,
    mfaVerified = false,
  ): Promise<SignedIn> {
    const session = await this.sessions.start(membership, device, manager, mfaVerified);
    return {
      payload: {
        accessToken: session.accessToken,
        accessTokenExpiresAt: session.accessTokenExpiresAt,
        ...viewerOf(user, membership, agency),
      },
      session,
    };
  }
}

/** What a sign-in gives: the GraphQL answer, and the session whose refresh token goes into a cookie. */
export interface SignedIn {
  payload: AuthPayload;
  session: IssuedSession;
}
