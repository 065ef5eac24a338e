import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '@followthrough/shared-domain';
import { Actor, badInput, notFound, sql, SqlFragment } from '@followthrough/server-core';

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
   * A condition limiting `column` (a client user id) to the actor's clients, parameters unnumbered
   * (core's SqlFragment numbers or names them where it is written). Pair it with the tenant condition:
   * `actorScope(actor, 'x.agency_id', clients.clientScope(actor, 'x.client_user_id'))`.
   */
  clientScope(actor: Actor, column: string): SqlFragment {
    const target = SqlFragment.text(column);
    switch (actor.role) {
      case Role.CLIENT:
        return sql`${target} = ${actor.userId}`;
      case Role.COACH:
        return sql`${target} IN (SELECT client_user_id FROM coach_assignments WHERE agency_id = ${actor.agencyId} AND coach_user_id = ${actor.userId})`;
      case Role.AGENCY_ADMIN:
        return sql`${target} IN (SELECT user_id FROM memberships WHERE agency_id = ${actor.agencyId} AND role = 'CLIENT')`;
    }
  }

  /**
   * The client a write is for. A client writes for themself (and may only name themself); a coach or
   * admin must name a client they may access. A client out of reach is NOT_FOUND.
   */
  async clientForWrite(actor: Actor, clientUserId: string | undefined, field = 'input.clientUserId'): Promise<string> {
    if (actor.role === Role.CLIENT) {
      if (clientUserId && clientUserId !== actor.userId) throw notFound('Client');
      return actor.userId;
    }
    if (!clientUserId) throw badInput(field, 'choose the client this is for');
    await this.assertCanAccessClient(actor, clientUserId);
    return clientUserId;
  }

  /** A write by anyone but the client is made on the client's behalf. */
  onBehalf(actor: Actor, clientUserId: string): boolean {
    return actor.userId !== clientUserId;
  }

  private async exists(sql: string, params: unknown[]): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(sql, params);
    return rows.length > 0;
  }
}
