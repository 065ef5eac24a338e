import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Role } from '@followthrough/shared-domain';
import { ClientErasure, ContextDataRights, crossTenantInTransaction, ExportedTables } from '@followthrough/server-core';

/** A member as data-rights requests need them: who to erase, and what to tell them apart by. */
export interface MemberIdentity {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

// Sign-up-like attempts are counted per address under these actions (see LoginThrottleService).
const ADDRESS_THROTTLES = ['register', 'accept', 'reset'];

/**
 * Identity's share of data rights: the account, memberships, sessions, invitations and coach
 * assignments. An account that still belongs to another agency keeps its users row; one that
 * belongs to none is deleted with its second-factor codes.
 */
@Injectable()
export class IdentityDataRights implements ContextDataRights {
  /** The member of this agency with this id, or null. */
  async member(manager: EntityManager, agencyId: string, userId: string): Promise<MemberIdentity | null> {
    const rows: Array<{ id: string; email: string; name: string; role: Role }> = await manager.query(
      `SELECT u.id, u.email, u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.agency_id = $1 AND m.user_id = $2`,
      [agencyId, userId],
    );
    return rows[0] ? { userId: rows[0].id, email: rows[0].email, name: rows[0].name, role: rows[0].role } : null;
  }

  /** The ids of everyone who belongs to the agency. */
  async memberIds(manager: EntityManager, agencyId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await manager.query(
      `SELECT user_id FROM memberships WHERE agency_id = $1`,
      [agencyId],
    );
    return rows.map((row) => row.user_id);
  }

  async agencyName(manager: EntityManager, agencyId: string): Promise<string | null> {
    const rows: Array<{ name: string }> = await manager.query(`SELECT name FROM agencies WHERE id = $1`, [agencyId]);
    return rows[0]?.name ?? null;
  }

  async exportClient(manager: EntityManager, agencyId: string, userId: string): Promise<ExportedTables> {
    const params = [agencyId, userId];
    return {
      users: await manager.query(
        `SELECT id, email, name, timezone, created_at, mfa_enabled_at FROM users WHERE id = $1`,
        [userId],
      ),
      memberships: await manager.query(
        `SELECT m.role, a.name AS agency_name, m.created_at FROM memberships m JOIN agencies a ON a.id = m.agency_id
          WHERE m.agency_id = $1 AND m.user_id = $2`,
        params,
      ),
      coach_assignments: await manager.query(
        `SELECT u.name AS coach_name, c.created_at FROM coach_assignments c JOIN users u ON u.id = c.coach_user_id
          WHERE c.agency_id = $1 AND c.client_user_id = $2 ORDER BY c.created_at`,
        params,
      ),
      auth_sessions: await manager.query(
        `SELECT id, created_at, last_seen_at, expires_at, revoked_at, revoked_reason, ip, user_agent
           FROM auth_sessions WHERE agency_id = $1 AND user_id = $2 ORDER BY created_at, id`,
        params,
      ),
    };
  }

  /** Identity's rows are the person themselves: both modes remove them. */
  async eraseClient(manager: EntityManager, erasure: ClientErasure): Promise<void> {
    const { agencyId, userId, email } = erasure;
    await manager.query(`DELETE FROM coach_assignments WHERE agency_id = $1 AND client_user_id = $2`, [
      agencyId,
      userId,
    ]);
    await manager.query(`DELETE FROM invitations WHERE agency_id = $1 AND lower(email) = lower($2)`, [agencyId, email]);
    await manager.query(`DELETE FROM auth_sessions WHERE agency_id = $1 AND user_id = $2`, [agencyId, userId]);
    await manager.query(`DELETE FROM memberships WHERE agency_id = $1 AND user_id = $2`, [agencyId, userId]);
    await this.forgetAccountsWithoutAgency(manager, [{ userId, email }]);
  }

  async eraseAgency(manager: EntityManager, agencyId: string): Promise<void> {
    const members: Array<{ user_id: string; email: string }> = await manager.query(
      `SELECT m.user_id, u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.agency_id = $1`,
      [agencyId],
    );
    await manager.query(`DELETE FROM auth_sessions WHERE agency_id = $1`, [agencyId]);
    // Memberships, invitations and coach assignments go with the agency (ON DELETE CASCADE).
    await manager.query(`DELETE FROM agencies WHERE id = $1`, [agencyId]);
    await this.forgetAccountsWithoutAgency(
      manager,
      members.map((member) => ({ userId: member.user_id, email: member.email })),
    );
  }

  /** Deletes the accounts among these that no agency has any more, with what is kept per address. */
  private async forgetAccountsWithoutAgency(
    manager: EntityManager,
    people: Array<{ userId: string; email: string }>,
  ): Promise<void> {
    if (people.length === 0) return;
    // Memberships of every agency count here (an account shared with another agency stays): the one check of an
    // erasure that looks past its agency.
    const gone: Array<{ id: string; email: string }> = await crossTenantInTransaction(manager, 'account-check', () =>
      manager.query(
        `SELECT u.id, u.email FROM users u WHERE u.id = ANY($1::uuid[])
            AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)
          FOR UPDATE`,
        [people.map((person) => person.userId)],
      ),
    );
    if (gone.length === 0) return;
    // Second-factor recovery codes go with the account (ON DELETE CASCADE).
    await manager.query(`DELETE FROM users WHERE id = ANY($1::uuid[])`, [gone.map((person) => person.id)]);
    const keys = gone.flatMap((person) =>
      ADDRESS_THROTTLES.map((action) => `${action}:address:${digest(person.email.toLowerCase())}`),
    );
    if (keys.length > 0) await manager.query(`DELETE FROM login_throttles WHERE key = ANY($1::text[])`, [keys]);
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
