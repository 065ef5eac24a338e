import { Injectable } from '@nestjs/common';
import { Role } from '@followthrough/shared-domain';
import { Actor, actorScope, SqlFragment } from '@followthrough/server-core';
import { ClientAccessPolicy } from '@followthrough/server-identity';

/**
 * The vents context's object rules, in one place.
 * - A vent's text is the client's: a coach reads it only once the client shares it, an admin never
 *   (admins get counts from ventStats). A vent out of reach answers NOT_FOUND.
 * - Actions follow the pipeline's rule: the client, their assigned coaches, the agency's admins.
 */
@Injectable()
export class VentsPolicy {
  constructor(private readonly clients: ClientAccessPolicy) {}

  /** The vents (table alias `alias`) the actor may read, text included: their tenant, then this rule. */
  ventScope(actor: Actor, alias: string): SqlFragment {
    const assigned = this.clients.clientScope(actor, `${alias}.client_user_id`);
    switch (actor.role) {
      case Role.CLIENT:
        return actorScope(actor, `${alias}.agency_id`, assigned);
      case Role.COACH:
        return actorScope(actor, `${alias}.agency_id`, SqlFragment.text(`${alias}.shared_with_coach = true`), assigned);
      case Role.AGENCY_ADMIN:
        return actorScope(actor, `${alias}.agency_id`, SqlFragment.text('false'));
    }
  }

  /** The actions (table alias `alias`) the actor may see and settle: their tenant, then their clients. */
  actionScope(actor: Actor, alias: string): SqlFragment {
    return actorScope(actor, `${alias}.agency_id`, this.clients.clientScope(actor, `${alias}.client_user_id`));
  }

  /** The client a new action is for (ClientAccessPolicy's rule, shared with every context). */
  clientForWrite(actor: Actor, clientUserId: string | undefined, field = 'input.clientUserId'): Promise<string> {
    return this.clients.clientForWrite(actor, clientUserId, field);
  }

  assertCanReadClient(actor: Actor, clientUserId: string): Promise<void> {
    return this.clients.assertCanAccessClient(actor, clientUserId);
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
    return this.clients.onBehalf(actor, clientUserId);
  }
}
