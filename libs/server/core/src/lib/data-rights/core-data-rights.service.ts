import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RATE_LIMIT_TABLE } from '../graphql/operation-rate-limiter';
import { ClientErasure, ContextDataRights, ExportedTables } from './data-rights';

/** Core's share of data rights: the audit trail, signed-link generations and the per-user rate-limit counters. */
@Injectable()
export class CoreDataRights implements ContextDataRights {
  async exportClient(manager: EntityManager, agencyId: string, userId: string): Promise<ExportedTables> {
    // What the person did themselves (their sign-ins included); reads of their data by staff are the agency's record.
    const events = await manager.query(
      `SELECT id, action, entity_type, entity_id, detail, occurred_at FROM audit_events
        WHERE agency_id = $1 AND actor_user_id = $2 ORDER BY occurred_at, id`,
      [agencyId, userId],
    );
    return { audit_events: events };
  }

  async eraseClient(manager: EntityManager, erasure: ClientErasure): Promise<void> {
    const { agencyId, userId } = erasure;
    // Events the person caused (their own writes, sign-ins with their address) go whole.
    await manager.query(`DELETE FROM audit_events WHERE agency_id = $1 AND actor_user_id = $2`, [agencyId, userId]);
    // Staff's events about the person stay as the agency's record, without saying whom they were about.
    await manager.query(
      `UPDATE audit_events
          SET subject_user_id = NULLIF(subject_user_id, $2::uuid),
              subject_user_ids = array_remove(subject_user_ids, $2::uuid),
              entity_id = NULLIF(entity_id, $2::uuid)
        WHERE agency_id = $1 AND (subject_user_id = $2 OR $2 = ANY(subject_user_ids) OR entity_id = $2)`,
      [agencyId, userId],
    );
    // Revocable links (calendar feeds, password resets) name the person in their subject.
    await manager.query(
      `DELETE FROM signed_link_generations WHERE agency_id = $1 AND position($2::text IN subject) > 0`,
      [agencyId, userId],
    );
    await this.forgetRateLimits(manager, [userId]);
  }

  async eraseAgency(manager: EntityManager, agencyId: string): Promise<void> {
    await manager.query(`DELETE FROM audit_events WHERE agency_id = $1`, [agencyId]);
    await manager.query(`DELETE FROM signed_link_generations WHERE agency_id = $1`, [agencyId]);
  }

  /** Counters keyed by people's ids (`…user:<id>:<operation>`); they would expire within a window anyway. */
  async forgetRateLimits(manager: EntityManager, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await manager.query(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE key LIKE ANY($1::text[])`, [
      userIds.map((id) => `%user:${id}:%`),
    ]);
  }
}
