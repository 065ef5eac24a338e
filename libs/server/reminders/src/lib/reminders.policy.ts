import { Injectable } from '@nestjs/common';
import { Role } from '@followthrough/shared-domain';
import { Actor, sql, SqlFragment } from '@followthrough/server-core';
import { ClientAccessPolicy } from '@followthrough/server-identity';

/**
 * Who sees which reminders: a client their own; a coach their own and their assigned clients';
 * an admin every reminder of the agency, and only admins see delivery errors.
 */
@Injectable()
export class ReminderAccessPolicy {
  constructor(private readonly clients: ClientAccessPolicy) {}

  /** A condition on `column` (the recipient); the agency condition is the caller's. */
  recipientScope(actor: Actor, column: string): SqlFragment {
    const recipient = SqlFragment.text(column);
    switch (actor.role) {
      case Role.AGENCY_ADMIN:
        return SqlFragment.text('TRUE');
      case Role.COACH:
        return sql`(${recipient} = ${actor.userId} OR ${this.clients.clientScope(actor, column)})`;
      case Role.CLIENT:
        return sql`${recipient} = ${actor.userId}`;
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
