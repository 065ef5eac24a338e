import { Injectable } from '@nestjs/common';
import { Role } from '@followthrough/shared-domain';
import { Actor, badInput, notFound } from '@followthrough/server-core';
import { ClientAccessPolicy } from '@followthrough/server-identity';

/** A SQL condition with named parameters, for TypeORM query builders. */
export interface ScopeCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The vents context's object rules, in one place.
 * - A vent's text is the client's: a coach reads it only once the client shares it, an admin never
 *   (admins get counts from ventStats). A vent out of reach answers NOT_FOUND.
 * - Actions follow the pipeline's rule: the client, their assigned coaches, the agency's admins.
 */
@Injectable()
export class VentsPolicy {
  constructor(private readonly clients: ClientAccessPolicy) {}

  /** Limits `alias` (the vents table) to the vents the actor may read, text included. */
  ventScope(actor: Actor, alias: string): ScopeCondition {
    switch (actor.role) {
      case Role.CLIENT:
        return this.clientScope(actor, `${alias}.client_user_id`);
      case Role.COACH: {
        const assigned = this.clientScope(actor, `${alias}.client_user_id`);
        return { sql: `${alias}.shared_with_coach = true AND ${assigned.sql}`, params: assigned.params };
      }
      case Role.AGENCY_ADMIN:
        return { sql: 'false', params: {} };
    }
  }

  /** Limits `column` (a client user id) to the actor's clients; the agency condition is the caller's. */
  clientScope(actor: Actor, column: string): ScopeCondition {
    const { sql, params } = this.clients.clientScopeSql(actor, column, 1);
    const named: Record<string, unknown> = {};
    params.forEach((value, index) => (named[`clientScope${index + 1}`] = value));
    return { sql: sql.replace(/\$(\d+)/g, (_match, position: string) => `:clientScope${position}`), params: named };
  }

  /** The client a new action is for: the caller when a client; else an accessible client they name. */
  async clientForWrite(actor: Actor, clientUserId: string | undefined, field = 'input.clientUserId'): Promise<string> {
    if (actor.role === Role.CLIENT) {
      if (clientUserId && clientUserId !== actor.userId) throw notFound('Client');
      return actor.userId;
    }
    if (!clientUserId) throw badInput(field, 'choose the client this is for');
    await this.clients.assertCanAccessClient(actor, clientUserId);
    return clientUserId;
  }

  async assertCanReadClient(actor: Actor, clientUserId: string): Promise<void> {
    await this.clients.assertCanAccessClient(actor, clientUserId);
  }

  /** Only the client may share or unshare their vent. */
  canChangeSharing(actor: Actor, clientUserId: string): boolean {
    return actor.role === Role.CLIENT && actor.userId === clientUserId;
  }

  /** Reads by anyone but the client are audited; `null` stands for a read across the actor's clients. */
  readIsAudited(actor: Actor, clientUserId: string | null): boolean {
    return clientUserId === null ? actor.role !== Role.CLIENT : actor.userId !== clientUserId;
  }

  onBehalf(actor: Actor, clientUserId: string): boolean {
    return actor.userId !== clientUserId;
  }
}
