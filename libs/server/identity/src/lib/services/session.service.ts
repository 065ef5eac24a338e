import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@followthrough/shared-domain';
import {
  AccessTokenService,
  Actor,
  notFound,
  runAsTenant,
  runCrossTenant,
  SessionState,
  SessionVerifier,
  unauthenticated,
} from '@followthrough/server-core';
import { AuthSession } from '../entities/auth-session.entity';
import { Membership } from '../entities/membership.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A session (a refresh-token family) ends after a week without use, and after 30 days in any case. */
export const SESSION_IDLE_DAYS = 7;
export const SESSION_MAX_DAYS = 30;

export interface DeviceInfo {
  ip: string;
  userAgent: string | null;
}

export interface IssuedSession {
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** One of a person's live sessions, as `sessions` lists them. */
export interface SessionSummary {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

const REFRESH_REFUSED = 'Your session has ended; sign in again.';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `<session id>.<secret>`: the id finds the family, the secret proves it is the newest token of it. */
function newRefreshToken(sessionId: string): string {
  return `${sessionId}.${randomBytes(32).toString('base64url')}`;
}

/** Sessions: created at sign-in, checked on every request, rotated on refresh, ended on sign-out. */
@Injectable()
export class SessionService implements SessionVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: AccessTokenService,
  ) {}

  async check(actor: Required<Actor>): Promise<SessionState | null> {
    if (!UUID.test(actor.sessionId) || !UUID.test(actor.membershipId)) return null;
    // Primary-key lookups only: the session is live, its membership still has this role, and what
    // two-step sign-in asks of it.
    const rows: { mfa_verified_at: Date | null; mfa_enabled: boolean; enrolment_required: boolean }[] =
      await this.dataSource.query(
        `SELECT s.mfa_verified_at, u.mfa_enabled_at IS NOT NULL AS mfa_enabled,
              (a.require_mfa AND m.role IN ($6, $7) AND u.mfa_enabled_at IS NULL) AS enrolment_required
         FROM auth_sessions s
         JOIN memberships m ON m.id = s.membership_id
         JOIN users u ON u.id = s.user_id
         JOIN agencies a ON a.id = s.agency_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.user_id::text = $2 AND s.agency_id::text = $3 AND m.id = $4 AND m.role = $5`,
        [actor.sessionId, actor.userId, actor.agencyId, actor.membershipId, actor.role, Role.AGENCY_ADMIN, Role.COACH],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      mfaEnabled: row.mfa_enabled,
      mfaEnrolmentRequired: row.enrolment_required,
      mfaVerifiedAt: row.mfa_verified_at,
    };
  }

  /** Records that this session has just proved its second factor (for step-up). */
  async markMfaVerified(sessionId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(AuthSession, { id: sessionId }, { mfaVerifiedAt: new Date() });
  }

  /** Starts a session for a membership and returns its first access and refresh tokens. */
  async start(
    membership: Membership,
    device: DeviceInfo,
    manager: EntityManager = this.dataSource.manager,
    mfaVerified = false,
  ): Promise<IssuedSession> {
    const session = await manager.save(
      manager.create(AuthSession, {
        agencyId: membership.agencyId,
        userId: membership.userId,
        membershipId: membership.id,
        refreshHash: null,
        expiresAt: new Date(Date.now() + SESSION_IDLE_DAYS * 86_400_000),
        revokedAt: null,
        revokedReason: null,
        mfaVerifiedAt: mfaVerified ? new Date() : null,
        ip: device.ip.slice(0, 64),
        userAgent: device.userAgent?.slice(0, 300) ?? null,
      }),
    );
    const refreshToken = newRefreshToken(session.id);
    await manager.update(AuthSession, { id: session.id }, { refreshHash: sha256(refreshToken) });
    const access = this.tokens.issue({
      userId: membership.userId,
      agencyId: membership.agencyId,
      membershipId: membership.id,
      role: membership.role,
      sessionId: session.id,
    });
    return {
      sessionId: session.id,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshExpiresAt: session.expiresAt,
    };
  }

  /** Ends one session of the actor's. */
  async revoke(userId: string, sessionId: string, reason: string): Promise<boolean> {
    if (!UUID.test(sessionId)) return false;
    // A person's own sessions, in whichever agency.
    const result = await runCrossTenant(
      'own-account',
      () =>
        this.dataSource.query(
          `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
          [sessionId, userId, reason],
        ),
      userId,
    );
    return (result[1] ?? 0) > 0;
  }

  /** Ends every session of a user, except `keepSessionId` when given. */
  async revokeAll(
    userId: string,
    reason: string,
    keepSessionId?: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, keepSessionId ?? null],
    );
  }

  /**
   * Trades a refresh token for a new access token and a new refresh token (rotation). The session's
   * membership is read afresh, so a changed role shows and a removed member is refused. A refresh
   * token that is not the newest of its session was stolen or replayed: the whole session ends.
   */
  async refresh(
    refreshToken: string | null,
    device: DeviceInfo,
  ): Promise<{ session: IssuedSession; membership: Membership }> {
    const [sessionId, secret, ...rest] = (refreshToken ?? '').split('.');
    if (!sessionId || !secret || rest.length > 0 || !UUID.test(sessionId)) throw unauthenticated(REFRESH_REFUSED);
    // Only the session's agency is read across agencies; the refresh itself runs bound to that agency.
    const [found]: { agency_id: string }[] = await runCrossTenant('refresh', () =>
      this.dataSource.query(`SELECT agency_id FROM auth_sessions WHERE id = $1`, [sessionId]),
    );
    if (!found) throw unauthenticated(REFRESH_REFUSED);
    const outcome = await runAsTenant(found.agency_id, () =>
      this.dataSource.transaction(async (manager) => {
        const session = await manager
          .getRepository(AuthSession)
          .createQueryBuilder('session')
          .setLock('pessimistic_write')
          .where('session.id = :sessionId', { sessionId })
          .getOne();
        if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return null;
        if (session.refreshHash !== sha256(refreshToken as string)) {
          await manager.update(
            AuthSession,
            { id: session.id },
            { revokedAt: new Date(), revokedReason: 'refresh_reused' },
          );
          return null;
        }
        const membership = await manager.findOneBy(Membership, { id: session.membershipId });
        if (!membership) return null;
        const next = newRefreshToken(session.id);
        const rows: { expires_at: Date }[] = await manager.query(
          `UPDATE auth_sessions SET refresh_hash = $2, refresh_generation = refresh_generation + 1, last_seen_at = now(),
                ip = $3, user_agent = $4,
                expires_at = LEAST(created_at + make_interval(days => $5), now() + make_interval(days => $6))
          WHERE id = $1 RETURNING expires_at`,
          [
            session.id,
            sha256(next),
            device.ip.slice(0, 64),
            device.userAgent?.slice(0, 300) ?? null,
            SESSION_MAX_DAYS,
            SESSION_IDLE_DAYS,
          ],
        );
        const access = this.tokens.issue({
          userId: membership.userId,
          agencyId: membership.agencyId,
          membershipId: membership.id,
          role: membership.role,
          sessionId: session.id,
        });
        const issued: IssuedSession = {
          sessionId: session.id,
          accessToken: access.token,
          accessTokenExpiresAt: access.expiresAt,
          refreshToken: next,
          refreshExpiresAt: rows[0].expires_at,
        };
        return { session: issued, membership };
      }),
    );
    // Thrown after the transaction, so that ending a reused token's session is committed.
    if (!outcome) throw unauthenticated(REFRESH_REFUSED);
    return outcome;
  }

  /** The signed-in person's live sessions in every agency, most recently used first. */
  async list(actor: Actor): Promise<SessionSummary[]> {
    const rows: { id: string; ip: string | null; user_agent: string | null; created_at: Date; last_seen_at: Date }[] =
      await runCrossTenant(
        'own-account',
        () =>
          this.dataSource.query(
            `SELECT id, ip, user_agent, created_at, last_seen_at FROM auth_sessions
              WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
              ORDER BY last_seen_at DESC, id LIMIT 100`,
            [actor.userId],
          ),
        actor.userId,
      );
    return rows.map((row) => ({
      id: row.id,
      ip: row.ip,
      userAgent: row.user_agent,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      current: row.id === actor.sessionId,
    }));
  }

  /** Ends one of the signed-in person's own sessions; anyone else's is "not found". */
  async revokeOwn(actor: Actor, sessionId: string): Promise<boolean> {
    if (!(await this.revoke(actor.userId, sessionId, 'revoked'))) throw notFound('Session');
    return true;
  }
}
