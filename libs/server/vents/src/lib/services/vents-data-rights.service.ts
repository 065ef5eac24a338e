import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClientErasure, ContextDataRights, ExportedTables } from '@followthrough/server-core';

/** The vents context's share of data rights: a client's vents and actions. */
@Injectable()
export class VentsDataRights implements ContextDataRights {
  async exportClient(manager: EntityManager, agencyId: string, userId: string): Promise<ExportedTables> {
    const params = [agencyId, userId];
    return {
      vents: await manager.query(
        `SELECT id, text, mood, tags, application_id, shared_with_coach, state, created_at, updated_at
           FROM vents WHERE agency_id = $1 AND client_user_id = $2 ORDER BY created_at, id`,
        params,
      ),
      actions: await manager.query(
        `SELECT id, title, due_on, status, source, vent_id, application_id, on_behalf, settled_at, created_at, updated_at
           FROM actions WHERE agency_id = $1 AND client_user_id = $2 ORDER BY created_at, id`,
        params,
      ),
    };
  }

  /** Vents and actions are the person's own words: they go in both modes. */
  async eraseClient(manager: EntityManager, erasure: ClientErasure): Promise<void> {
    const params = [erasure.agencyId, erasure.userId];
    await manager.query(`DELETE FROM actions WHERE agency_id = $1 AND client_user_id = $2`, params);
    await manager.query(`DELETE FROM vents WHERE agency_id = $1 AND client_user_id = $2`, params);
  }

  async eraseAgency(manager: EntityManager, agencyId: string): Promise<void> {
    await manager.query(`DELETE FROM actions WHERE agency_id = $1`, [agencyId]);
    await manager.query(`DELETE FROM vents WHERE agency_id = $1`, [agencyId]);
  }
}
