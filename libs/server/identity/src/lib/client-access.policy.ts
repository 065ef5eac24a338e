import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '@followthrough/shared-domain';
import { Actor, notFound } from '@followthrough/server-core';

/**
 * Which clients a person may see: an admin every client of the agency, a coach the assigned
 * ones, a client only themself. Never anyone in another agency. Other contexts ask here.
 */
@Injectable()
export class ClientAccessPolicy {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canAccessClient(actor: Actor, clientUserId: string): Promise<boolean> {
    switch (actor.role) {
      case Role.CLIENT:
        return actor.userId === clientUserId;
      case Role.COACH:
        return this.exists(
          `SELECT 1 FROM coach_assignments a
             JOIN memberships m ON m.agency_id = a.agency_id AND m.user_id = a.client_user_id AND m.role = 'CLIENT'
            WHERE a.agency_id = $1 AND a.coach_user_id = $2 AND a.client_user_id = $3`,
          [actor.agencyId, actor.userId, clientUserId],
        );
      case Role.AGENCY_ADMIN:
        return this.exists(`SELECT 1 FROM memberships WHERE agency_id = $1 AND user_id = $2 AND role = 'CLIENT'`, [
          actor.agencyId,
          clientUserId,
        ]);
    }
  }

  /** A denied client answers "not found", exactly like a missing one. */
  async assertCanAccessClient(actor: Actor, clientUserId: string): Promise<void> {
    if (!(await this.canAccessClient(actor, clientUserId))) throw notFound('Client');
  }

  /**
   * A SQL condition limiting `column` (a client user id) to the actor's clients, with its parameters
   * numbered from `firstParam`. The agency condition is the caller's to add; this narrows within it.
   */
  clientScopeSql(actor: Actor, column: string, firstParam: number): { sql: string; params: unknown[] } {
    switch (actor.role) {
      case Role.CLIENT:
        return { sql: `${column} = $${firstParam}`, params: [actor.userId] };
      case Role.COACH:
        return {
          sql: `${column} IN (SELECT client_user_id FROM coach_assignments WHERE agency_id = $${firstParam} AND coach_user_id = $${firstParam + 1})`,
          params: [actor.agencyId, actor.userId],
        };
      case Role.AGENCY_ADMIN:
        return {
          sql: `${column} IN (SELECT user_id FROM memberships WHERE agency_id = $${firstParam} AND role = 'CLIENT')`,
          params: [actor.agencyId],
        };
    }
  }

  private async exists(sql: string, params: unknown[]): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(sql, params);
    return rows.length > 0;
  }
}
