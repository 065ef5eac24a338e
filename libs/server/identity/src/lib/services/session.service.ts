import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessTokenService, Actor, SessionVerifier } from '@followthrough/server-core';
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

  async isCurrent(actor: Required<Actor>): Promise<boolean> {
    if (!UUID.test(actor.sessionId) || !UUID.test(actor.membershipId)) return false;
    // One primary-key lookup per table: the session is live and its membership still has this role.
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM auth_sessions s JOIN memberships m ON m.id = s.membership_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.user_id::text = $2 AND s.agency_id::text = $3 AND m.id = $4 AND m.role = $5`,
      [actor.sessionId, actor.userId, actor.agencyId, actor.membershipId, actor.role],
    );
    return rows.length === 1;
  }

  /** Starts a session for a membership and returns its first access and refresh tokens. */
  async start(membership: Membership, device: DeviceInfo, manager: EntityManager = this.dataSource.manager): Promise<IssuedSession> {
    const session = await manager.save(
      manager.create(AuthSession, {
        agencyId: membership.agencyId,
        userId: membership.userId,
        membershipId: membership.id,
        refreshHash: null,
        expiresAt: new Date(Date.now() + SESSION_IDLE_DAYS * 86_400_000),
        revokedAt: null,
        revokedReason: null,
        ip: device.ip.slice(0, 64),
        userAgent: device.userAgent?.slice(0, 300) ?? null,
      }),
    );
    const refreshToken = newRefreshToken(session.id);
    await manager.update(AuthSession, { id: session.id }, { refreshHash: sha256(refreshToken) });
    const access = this.tokens.issue({ userId: membership.userId, agencyId: membership.agencyId, membershipId: membership.id, role: membership.role, sessionId: session.id });
    return { sessionId: session.id, accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshExpiresAt: session.expiresAt };
  }

  /** Ends one session of the actor's. */
  async revoke(userId: string, sessionId: string, reason: string): Promise<boolean> {
    if (!UUID.test(sessionId)) return false;
    const result = await this.dataSource.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId, reason],
    );
    return (result[1] ?? 0) > 0;
  }

  /** Ends every session of a user, except `keepSessionId` when given. */
  async revokeAll(userId: string, reason: string, keepSessionId?: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, keepSessionId ?? null],
    );
  }
}
