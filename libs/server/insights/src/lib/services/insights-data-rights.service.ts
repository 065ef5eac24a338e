import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClientErasure, ContextDataRights, ExportedTables } from '@followthrough/server-core';
import { ClientRollups } from './client-rollups.service';

// The read model's tables, every one keyed by agency.
const READ_MODEL = ['insights_fact_deltas', 'insights_scope_weeks', 'insights_client_rollups'];

/** Insights' share of data rights: its read model, derived from the other contexts and rebuilt from them. */
@Injectable()
export class InsightsDataRights implements ContextDataRights {
  constructor(private readonly rollups: ClientRollups) {}

  async exportClient(manager: EntityManager, agencyId: string, userId: string): Promise<ExportedTables> {
    return {
      insights_client_rollups: await manager.query(
        `SELECT * FROM insights_client_rollups WHERE agency_id = $1 AND client_user_id = $2`,
        [agencyId, userId],
      ),
    };
  }

  /**
   * Run after the other contexts: a last refresh of the client's row (no longer a member) takes their
   * facts out of the coach-week aggregates (as deltas naming no one), then the row itself goes.
   */
  async eraseClient(manager: EntityManager, erasure: ClientErasure): Promise<void> {
    await this.rollups.refreshChanged([{ agencyId: erasure.agencyId, clientUserId: erasure.userId }], manager);
    await manager.query(`DELETE FROM insights_client_rollups WHERE agency_id = $1 AND client_user_id = $2`, [
      erasure.agencyId,
      erasure.userId,
    ]);
  }

  async eraseAgency(manager: EntityManager, agencyId: string): Promise<void> {
    for (const table of READ_MODEL) await manager.query(`DELETE FROM ${table} WHERE agency_id = $1`, [agencyId]);
  }
}
