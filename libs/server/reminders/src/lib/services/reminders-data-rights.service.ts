import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClientErasure, ContextDataRights, ExportedTables } from '@followthrough/server-core';

/** The reminders context's share of data rights: e-mails to the person, their settings, refusals of their address. */
@Injectable()
export class RemindersDataRights implements ContextDataRights {
  async exportClient(manager: EntityManager, agencyId: string, userId: string): Promise<ExportedTables> {
    const params = [agencyId, userId];
    return {
      reminders: await manager.query(
        `SELECT id, kind, due_at, status, skip_reason, sent_at, created_at
           FROM reminders WHERE agency_id = $1 AND recipient_user_id = $2 ORDER BY due_at, id`,
        params,
      ),
      reminder_digests: await manager.query(
        `SELECT id, digest_date, due_at, status, sent_at, created_at
           FROM reminder_digests WHERE agency_id = $1 AND recipient_user_id = $2 ORDER BY digest_date, id`,
        params,
      ),
      notification_preferences: await manager.query(
        `SELECT mode, unsubscribed, updated_at FROM notification_preferences WHERE agency_id = $1 AND user_id = $2`,
        params,
      ),
    };
  }

  /** Nothing here is worth keeping without the person: it all goes, in both modes. */
  async eraseClient(manager: EntityManager, erasure: ClientErasure): Promise<void> {
    const params = [erasure.agencyId, erasure.userId];
    await manager.query(`DELETE FROM reminders WHERE agency_id = $1 AND recipient_user_id = $2`, params);
    await manager.query(`DELETE FROM reminder_digests WHERE agency_id = $1 AND recipient_user_id = $2`, params);
    await manager.query(`DELETE FROM notification_preferences WHERE agency_id = $1 AND user_id = $2`, params);
    await manager.query(`DELETE FROM mail_refusals WHERE agency_id = $1 AND lower(email) = lower($2)`, [
      erasure.agencyId,
      erasure.email,
    ]);
  }

  async eraseAgency(manager: EntityManager, agencyId: string): Promise<void> {
    for (const table of ['reminders', 'reminder_digests', 'notification_preferences', 'mail_refusals'])
      await manager.query(`DELETE FROM ${table} WHERE agency_id = $1`, [agencyId]);
  }
}
