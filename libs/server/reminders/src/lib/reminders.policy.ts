import { Injectable } from '@nestjs/common';
import { Role } from '@followthrough/shared-domain';
import { Actor } from '@followthrough/server-core';
import { ClientAccessPolicy } from '@followthrough/server-identity';

/**
 * Who sees which reminders: a client their own; a coach their own and their assigned clients';
 * an admin every reminder of the agency, and only admins see delivery errors.
 */
@Injectable()
export class ReminderAccessPolicy {
  constructor(private readonly clients: ClientAccessPolicy) {}

  /** A condition on `column` (the recipient) with parameters numbered from `firstParam`; the agency condition is the caller's. */
  recipientScopeSql(actor: Actor, column: string, firstParam: number): { sql: string; params: unknown[] } {
    switch (actor.role) {
      case Role.AGENCY_ADMIN:
        return { sql: 'TRUE', params: [] };
      case Role.COACH: {
        const assigned = this.clients.clientScopeSql(actor, column, firstParam + 1);
        return { sql: `(${column} = $${firstParam} OR ${assigned.sql})`, params: [actor.userId, ...assigned.params] };
      }
      case Role.CLIENT:
        return { sql: `${column} = $${firstParam}`, params: [actor.userId] };
    }
  }

  canSeeDeliveryErrors(actor: Actor): boolean {
    return actor.role === Role.AGENCY_ADMIN;
  }

  /** Sending a failed reminder again is an admin's call: they see why it failed. */
  canRetry(actor: Actor): boolean {
    return actor.role === Role.AGENCY_ADMIN;
  }
}
