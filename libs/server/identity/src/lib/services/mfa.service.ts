import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { generateSecret, generateURI, verify } from 'otplib';
import { Role } from '@followthrough/shared-domain';
import { Actor, APP_CONFIG, AppConfig, badInput } from '@followthrough/server-core';
import { openMfaSecret, sealMfaSecret } from '../mfa/mfa-secret-box';
import { Agency } from '../entities/agency.entity';
import { User } from '../entities/user.entity';
import { sha256, SessionService } from './session.service';

export const RECOVERY_CODE_COUNT = 10;
/** A code from the step before or after the current one still counts (clocks drift; people type slowly). */
const TOLERANCE_SECONDS = 30;
const ISSUER = 'Followthrough';

/** Recovery codes are typed by hand: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The TOTP time step a valid code came from, or null when it is not valid. */
async function totpStep(secret: string, code: string, afterTimeStep?: number): Promise<number | null> {
  const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS, afterTimeStep });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

function newRecoveryCode(): string {
  const text = randomBytes(10).toString('hex');
  return `${text.slice(0, 5)}-${text.slice(5, 10)}-${text.slice(10, 15)}-${text.slice(15)}`;
}

/**
 * Two-step sign-in with TOTP (RFC 6238, via otplib) and single-use recovery codes. A TOTP code is
 * accepted once: the time step it used is remembered and a later code must come from a later step.
 */
@Injectable()
export class MfaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private seal(userId: string, secret: string): string {
    return sealMfaSecret(this.config.mfaEncryptionKey, userId, secret);
  }

  /** A stored secret that does not open (another key, altered, copied from another account) accepts no code. */
  private open(userId: string, stored: string | null): string | null {
    return stored === null ? null : openMfaSecret(this.config.mfaEncryptionKey, userId, stored);
  }

  /** A new secret to put into an authenticator app; it counts once a code from it is confirmed. */
  async startEnrolment(actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.userId });
    if (user.mfaEnabledAt)
      throw badInput('mfa', 'two-step sign-in is already on; turn it off first to use another app');
    const secret = generateSecret();
    await this.dataSource.getRepository(User).update({ id: user.id }, { mfaPendingSecret: this.seal(user.id, secret) });
    return { secret, otpauthUrl: generateURI({ issuer: ISSUER, label: user.email, secret }) };
  }

  /** Turns two-step sign-in on with a first code, and answers the recovery codes (shown this once). */
  async confirmEnrolment(actor: Actor, code: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager
        .getRepository(User)
        .createQueryBuilder('user')
        .setLock('pessimistic_write')
        .where('user.id = :id', { id: actor.userId })
        .getOneOrFail();
      const pending = this.open(user.id, user.mfaPendingSecret);
      if (!pending) throw badInput('input.code', 'start the set-up first (startMfaEnrolment)');
      const step = await totpStep(pending, code.trim());
      if (step === null)
        throw badInput('input.code', 'this code is not right; check the time on your device and try the newest code');
      await manager.update(
        User,
        { id: user.id },
        {
          mfaSecret: user.mfaPendingSecret,
          mfaPendingSecret: null,
          mfaEnabledAt: new Date(),
          mfaLastTimeStep: String(step),
        },
      );
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await manager.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [user.id]);
      await manager.query(
        `INSERT INTO mfa_recovery_codes (user_id, code_hash) SELECT $1, h FROM unnest($2::char(64)[]) AS h`,
        [user.id, codes.map((c) => sha256(normalizeRecoveryCode(c)))],
      );
      if (actor.sessionId) await this.sessions.markMfaVerified(actor.sessionId, manager);
      return codes;
    });
  }

  /**
   * Checks a second factor: a TOTP code from a step after the last one used, or an unused recovery
   * code, which is then used up. Each is consumed in one conditional statement, so a code works once.
   */
  async consumeSecondFactor(
    user: User,
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const given = code.trim();
    if (!user.mfaSecret) return false;
    if (/^\d{6}$/.test(given)) {
      const secret = this.open(user.id, user.mfaSecret);
      if (!secret) return false;
      const last = user.mfaLastTimeStep === null ? undefined : Number(user.mfaLastTimeStep);
      const step = await totpStep(secret, given, last);
      if (step === null) return false;
      const [, updated] = await manager.query(
        `UPDATE users SET mfa_last_time_step = $2 WHERE id = $1 AND (mfa_last_time_step IS NULL OR mfa_last_time_step < $2)`,
        [user.id, step],
      );
      return updated === 1;
    }
    const [, used] = await manager.query(
      `UPDATE mfa_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
      [user.id, sha256(normalizeRecoveryCode(given))],
    );
    return used === 1;
  }

  /** Step-up: a fresh code marks this session as having just proved its second factor. */
  async verify(actor: Actor, code: string): Promise<boolean> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.userId });
    if (!user.mfaEnabledAt) throw badInput('input.code', 'two-step sign-in is not on for your account');
    if (!(await this.consumeSecondFactor(user, code)))
      throw badInput('input.code', 'this code is not right or was already used');
    if (actor.sessionId) await this.sessions.markMfaVerified(actor.sessionId);
    return true;
  }

  /** Turns two-step sign-in off; it takes a current code (a step-up of its own). */
  async disable(actor: Actor, code: string): Promise<boolean> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.userId });
    if (!user.mfaEnabledAt) return true;
    if (!(await this.consumeSecondFactor(user, code)))
      throw badInput('input.code', 'this code is not right or was already used');
    if (await this.requiredForAnyMembership(user.id)) {
      throw badInput('input.code', 'an agency you belong to requires two-step sign-in for your role');
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        User,
        { id: user.id },
        { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastTimeStep: null },
      );
      await manager.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [user.id]);
    });
    return true;
  }

  /** The agency's switch: admins and coaches must use two-step sign-in. The admin turning it on must have it. */
  async setAgencyRequirement(actor: Actor, required: boolean): Promise<boolean> {
    if (required) {
      const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.userId });
      if (!user.mfaEnabledAt)
        throw badInput('required', 'turn on two-step sign-in for yourself first, so that you are not locked out');
    }
    await this.dataSource.getRepository(Agency).update({ id: actor.agencyId }, { requireMfa: required });
    return required;
  }

  private async requiredForAnyMembership(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM memberships m JOIN agencies a ON a.id = m.agency_id
        WHERE m.user_id = $1 AND a.require_mfa AND m.role IN ($2, $3) LIMIT 1`,
      [userId, Role.AGENCY_ADMIN, Role.COACH],
    );
    return rows.length > 0;
  }
}
