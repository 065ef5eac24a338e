import { Injectable } from '@nestjs/common';
import { Role } from '@followthrough/shared-domain';
import { Actor, badInput, forbidden, notFound } from '@followthrough/server-core';
import { ClientAccessPolicy } from '@followthrough/server-identity';

/** A SQL condition with named parameters, for TypeORM query builders. */
export interface ScopeCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The pipeline's object rules, in one place. Who may see a client comes from identity's
 * ClientAccessPolicy; this adds what "writing for a client" and "reading a client's detail" mean here.
 */
@Injectable()
export class PipelinePolicy {
  constructor(private readonly clients: ClientAccessPolicy) {}

  /**
   * The client a write is for. A client writes for themself (and may only name themself);
   * a coach or admin must name a client they may access. A client out of reach is NOT_FOUND.
   */
  async clientForWrite(actor: Actor, clientUserId: string | undefined, field = 'input.clientUserId'): Promise<string> {
    if (actor.role === Role.CLIENT) {
      if (clientUserId && clientUserId !== actor.userId) throw notFound('Client');
      return actor.userId;
    }
    if (!clientUserId) throw badInput(field, 'choose the client this is for');
    await this.clients.assertCanAccessClient(actor, clientUserId);
    return clientUserId;
  }

  /**
   * Confirming a company's domain and phones for the whole agency is for coaches and admins, and
   * only from an application of a client they may reach: a client's word is never the agency's.
   */
  assertMayConfirmCompanyDetails(actor: Actor): void {
    if (actor.role === Role.CLIENT) throw forbidden('Only a coach or an admin can confirm company details.');
  }

  /** Denied and missing look the same: NOT_FOUND. */
  async assertCanReadClient(actor: Actor, clientUserId: string): Promise<void> {
    await this.clients.assertCanAccessClient(actor, clientUserId);
  }

  /** Limits `column` (a client user id) to the actor's clients; the agency condition is the caller's. */
  clientScope(actor: Actor, column: string): ScopeCondition {
    const { sql, params } = this.clients.clientScopeSql(actor, column, 1);
    const named: Record<string, unknown> = {};
    params.forEach((value, index) => (named[`scope${index + 1}`] = value));
    return { sql: sql.replace(/\$(\d+)/g, (_match, position: string) => `:scope${position}`), params: named };
  }

  /** Reads of a client's detail by anyone but the client are audited. */
  readIsAudited(actor: Actor, clientUserId: string): boolean {
    return actor.userId !== clientUserId;
  }

  /** A write by anyone but the client is made on the client's behalf. */
  onBehalf(actor: Actor, clientUserId: string): boolean {
    return actor.userId !== clientUserId;
  }
}
