import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessCalendar, Role } from '@followthrough/shared-domain';
import { Actor, notFound } from '@followthrough/server-core';

export interface PersonContact {
  userId: string;
  name: string;
  email: string;
  /** The person's own time zone, or the agency's. */
  timezone: string;
}

/** Read-only facts about people and agencies for the other contexts (calendars, names, coaches). */
@Injectable()
export class IdentityDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async calendarOf(agencyId: string, manager: EntityManager = this.dataSource.manager): Promise<BusinessCalendar> {
    const rows: { timezone: string; working_weekdays: number[]; holidays: string[] }[] = await manager.query(
      `SELECT timezone, working_weekdays, to_json(holidays) AS holidays FROM agencies WHERE id = $1`,
      [agencyId],
    );
    if (rows.length === 0) throw notFound('Agency');
    return { timezone: rows[0].timezone, workingWeekdays: rows[0].working_weekdays, holidays: rows[0].holidays };
  }

  /** Members of the agency among `userIds`, with the time zone that applies to each. */
  async people(agencyId: string, userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<PersonContact[]> {
    if (userIds.length === 0) return [];
    const rows: { user_id: string; name: string; email: string; timezone: string }[] = await manager.query(
      `SELECT u.id AS user_id, u.name, u.email, COALESCE(u.timezone, a.timezone) AS timezone
         FROM memberships m
         JOIN users u ON u.id = m.user_id
         JOIN agencies a ON a.id = m.agency_id
        WHERE m.agency_id = $1 AND m.user_id = ANY($2::uuid[])`,
      [agencyId, userIds],
    );
    return rows.map((row) => ({ userId: row.user_id, name: row.name, email: row.email, timezone: row.timezone }));
  }

  /** The coaches assigned to a client. */
  async coachIdsOf(agencyId: string, clientUserId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { coach_user_id: string }[] = await manager.query(
      `SELECT a.coach_user_id FROM coach_assignments a
         JOIN memberships m ON m.agency_id = a.agency_id AND m.user_id = a.coach_user_id AND m.role = $3
        WHERE a.agency_id = $1 AND a.client_user_id = $2 ORDER BY a.created_at`,
      [agencyId, clientUserId, Role.COACH],
    );
    return rows.map((row) => row.coach_user_id);
  }

  /**
   * The actor behind a signed link, as they are now: their current role in the agency, or null when
   * they are no longer a member (the link then does nothing). With `role`, only that role counts.
   */
  async memberActor(agencyId: string, userId: string, role?: Role): Promise<Actor | null> {
    const rows: { id: string; role: Role }[] = await this.dataSource.query(
      `SELECT id, role FROM memberships WHERE agency_id = $1 AND user_id = $2`,
      [agencyId, userId],
    );
    const membership = rows[0];
    if (!membership || (role && membership.role !== role)) return null;
    return { agencyId, userId, membershipId: membership.id, role: membership.role };
  }
}
