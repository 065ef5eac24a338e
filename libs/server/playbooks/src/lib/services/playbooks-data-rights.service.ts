import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClientErasure, ContextDataRights, ErasureMode, ExportedTables } from '@followthrough/server-core';

/** The playbooks context's share of data rights: a client's cadences, steps and playbook choice. */
@Injectable()
export class PlaybooksDataRights implements ContextDataRights {
  async exportClient(manager: EntityManager, agencyId: string, userId: string): Promise<ExportedTables> {
    const params = [agencyId, userId];
    return {
      cadences: await manager.query(
        `SELECT id, application_id, playbook_version_id, started_at, stopped_at, stop_reason
           FROM cadences WHERE agency_id = $1 AND client_user_id = $2 ORDER BY started_at, id`,
        params,
      ),
      step_instances: await manager.query(
        `SELECT id, cadence_id, application_id, step_key, trigger, channel, purpose, instructions, due_at, status,
                completed_at, follow_up_id, created_at
           FROM step_instances WHERE agency_id = $1 AND client_user_id = $2 ORDER BY due_at, id`,
        params,
      ),
      playbook_assignments: await manager.query(
        `SELECT playbook_id, assigned_at FROM playbook_assignments WHERE agency_id = $1 AND client_user_id = $2`,
        params,
      ),
    };
  }

  async eraseClient(manager: EntityManager, erasure: ClientErasure): Promise<void> {
    const params = [erasure.agencyId, erasure.userId];
    await manager.query(`DELETE FROM playbook_assignments WHERE agency_id = $1 AND client_user_id = $2`, params);
    await manager.query(
      `UPDATE playbook_versions SET created_by_user_id = NULL WHERE agency_id = $1 AND created_by_user_id = $2`,
      params,
    );
    if (erasure.mode === ErasureMode.DELETE) {
      // Steps go with their cadences (ON DELETE CASCADE).
      await manager.query(`DELETE FROM cadences WHERE agency_id = $1 AND client_user_id = $2`, params);
      return;
    }
    // The steps' text is the agency's playbook, not the person's: kept, under the stand-in id.
    const moved = [...params, erasure.replacementId];
    await manager.query(
      `UPDATE step_instances SET client_user_id = $3 WHERE agency_id = $1 AND client_user_id = $2`,
      moved,
    );
    await manager.query(`UPDATE cadences SET client_user_id = $3 WHERE agency_id = $1 AND client_user_id = $2`, moved);
  }

  async eraseAgency(manager: EntityManager, agencyId: string): Promise<void> {
    for (const table of ['step_instances', 'cadences', 'playbook_assignments', 'playbook_versions', 'playbooks'])
      await manager.query(`DELETE FROM ${table} WHERE agency_id = $1`, [agencyId]);
  }
}
