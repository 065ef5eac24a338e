import { Injectable } from '@nestjs/common';
import { Role } from '@followthrough/shared-domain';
import { Actor, actorScope, forbidden, SqlFragment } from '@followthrough/server-core';
import { ClientAccessPolicy } from '@followthrough/server-identity';

/**
 * The pipeline's object rules, in one place. Who may see a client comes from identity's
 * ClientAccessPolicy; this adds what "writing for a client" and "reading a client's detail" mean here.
 */
@Injectable()
export class PipelinePolicy {
  constructor(private readonly clients: ClientAccessPolicy) {}

  /** The client a write is for (ClientAccessPolicy's rule, shared with every context). */
  clientForWrite(actor: Actor, clientUserId: string | undefined, field = 'input.clientUserId'): Promise<string> {
    return this.clients.clientForWrite(actor, clientUserId, field);
  }

  /**
   * Confirming a company's domain and phones for the whole agency is for coaches and admins, and
   * only from an application of a client they may reach: a client's word is never the agency's.
   */
  assertMayConfirmCompanyDetails(actor: Actor): void {
    if (actor.role === Role.CLIENT) throw forbidden('Only a coach or an admin can confirm company details.');
  }

  /** Denied and missing look the same: NOT_FOUND. */
  assertCanReadClient(actor: Actor, clientUserId: string): Promise<void> {
    return this.clients.assertCanAccessClient(actor, clientUserId);
  }

  /**
   * The rows of a client's pipeline table (applications, contacts, follow-ups; alias `alias`, with
   * agency_id and client_user_id) the actor may act on: their tenant, then their clients.
   */
  clientRowScope(actor: Actor, alias: string): SqlFragment {
    return actorScope(actor, `${alias}.agency_id`, this.clients.clientScope(actor, `${alias}.client_user_id`));
  }

  /** Reads of a client's detail by anyone but the client are audited. */
  readIsAudited(actor: Actor, clientUserId: string): boolean {
    return actor.userId !== clientUserId;
  }

  /** A write by anyone but the client is made on the client's behalf. */
  onBehalf(actor: Actor, clientUserId: string): boolean {
    return this.clients.onBehalf(actor, clientUserId);
  }
}
