import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClientErasure, ContextDataRights, ErasureMode, ExportedTables } from '@followthrough/server-core';

const OWN_APPLICATIONS = `SELECT id FROM applications WHERE agency_id = $1 AND client_user_id = $2`;

/** The pipeline's share of data rights: a client's applications, contacts, stage history and follow-ups. */
@Injectable()
export class PipelineDataRights implements ContextDataRights {
  async exportClient(manager: EntityManager, agencyId: string, userId: string): Promise<ExportedTables> {
    const params = [agencyId, userId];
    return {
      applications: await manager.query(
        `SELECT a.id, c.name AS company_name, a.title, a.source, a.stage, a.applied_at, a.last_touch_at,
                a.company_domain, a.company_main_phone, a.company_sales_phone,
                a.no_reachable_contact, a.no_reachable_contact_reason, a.on_behalf, a.created_at, a.updated_at
           FROM applications a JOIN companies c ON c.agency_id = a.agency_id AND c.id = a.company_id
          WHERE a.agency_id = $1 AND a.client_user_id = $2 ORDER BY a.created_at, a.id`,
        params,
      ),
      application_stage_changes: await manager.query(
        `SELECT id, application_id, from_stage, to_stage, note, on_behalf, changed_at FROM application_stage_changes
          WHERE agency_id = $1 AND application_id IN (${OWN_APPLICATIONS}) ORDER BY changed_at, id`,
        params,
      ),
      contacts: await manager.query(
        `SELECT k.id, c.name AS company_name, k.name, k.role, k.phone, k.email, k.how_found, k.on_behalf, k.created_at
           FROM contacts k JOIN companies c ON c.agency_id = k.agency_id AND c.id = k.company_id
          WHERE k.agency_id = $1 AND k.client_user_id = $2 ORDER BY k.created_at, k.id`,
        params,
      ),
      follow_ups: await manager.query(
        `SELECT id, application_id, contact_id, channel, direction, purpose, outcome, occurred_at, notes, on_behalf, created_at
           FROM follow_ups WHERE agency_id = $1 AND client_user_id = $2 ORDER BY occurred_at, id`,
        params,
      ),
    };
  }

  async eraseClient(manager: EntityManager, erasure: ClientErasure): Promise<void> {
    const { agencyId, userId, replacementId } = erasure;
    // Contacts are people the client met: they go in both modes (their follow-ups keep no contact).
    await manager.query(`DELETE FROM contacts WHERE agency_id = $1 AND client_user_id = $2`, [agencyId, userId]);
    // Anyone who confirmed company details may be the person (staff erased as clients elsewhere).
    await manager.query(
      `UPDATE companies SET details_confirmed_by_user_id = NULL WHERE agency_id = $1 AND details_confirmed_by_user_id = $2`,
      [agencyId, userId],
    );
    if (erasure.mode === ErasureMode.DELETE) {
      // Stage changes and follow-ups go with their applications (ON DELETE CASCADE).
      const companies: Array<{ company_id: string }> = await manager.query(
        `SELECT DISTINCT company_id FROM applications WHERE agency_id = $1 AND client_user_id = $2`,
        [agencyId, userId],
      );
      await manager.query(`DELETE FROM applications WHERE agency_id = $1 AND client_user_id = $2`, [agencyId, userId]);
      // A company only this person applied to was named by them alone: it goes too.
      await manager.query(
        `DELETE FROM companies c WHERE c.agency_id = $1 AND c.id = ANY($2::uuid[])
            AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.agency_id = c.agency_id AND a.company_id = c.id)`,
        [agencyId, companies.map((row) => row.company_id)],
      );
      return;
    }
    const params = [agencyId, userId, replacementId];
    await manager.query(
      `UPDATE application_stage_changes
          SET note = NULL, changed_by_user_id = CASE WHEN changed_by_user_id = $2 THEN $3 ELSE changed_by_user_id END
        WHERE agency_id = $1 AND application_id IN (${OWN_APPLICATIONS})`,
      params,
    );
    await manager.query(
      `UPDATE follow_ups
          SET client_user_id = $3, notes = NULL, idempotency_key = NULL,
              logged_by_user_id = CASE WHEN logged_by_user_id = $2 THEN $3 ELSE logged_by_user_id END
        WHERE agency_id = $1 AND client_user_id = $2`,
      params,
    );
    await manager.query(
      `UPDATE applications
          SET client_user_id = $3, source = NULL, no_reachable_contact_reason = NULL,
              company_domain = NULL, company_main_phone = NULL, company_sales_phone = NULL,
              created_by_user_id = CASE WHEN created_by_user_id = $2 THEN $3 ELSE created_by_user_id END
        WHERE agency_id = $1 AND client_user_id = $2`,
      params,
    );
  }

  async eraseAgency(manager: EntityManager, agencyId: string): Promise<void> {
    await manager.query(`DELETE FROM follow_ups WHERE agency_id = $1`, [agencyId]);
    await manager.query(`DELETE FROM application_stage_changes WHERE agency_id = $1`, [agencyId]);
    await manager.query(`DELETE FROM contacts WHERE agency_id = $1`, [agencyId]);
    await manager.query(`DELETE FROM applications WHERE agency_id = $1`, [agencyId]);
    await manager.query(`DELETE FROM companies WHERE agency_id = $1`, [agencyId]);
  }
}
