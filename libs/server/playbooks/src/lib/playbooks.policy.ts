import { Injectable } from '@nestjs/common';
import { Actor, SqlFragment } from '@followthrough/server-core';
import { ClientAccessPolicy } from '@followthrough/server-identity';

/**
 * The playbooks context's object rules, in one place. Playbooks themselves are the agency admins'
 * (the resolvers require the role); steps, assignments and calendar feeds follow the client, as
 * identity's ClientAccessPolicy decides: a client out of reach answers NOT_FOUND.
 */
@Injectable()
export class PlaybooksPolicy {
  constructor(private readonly clients: ClientAccessPolicy) {}

  /** Assigning a playbook to a client, or handing out their calendar feed. */
  assertCanActForClient(actor: Actor, clientUserId: string): Promise<void> {
    return this.clients.assertCanAccessClient(actor, clientUserId);
  }

  /** A feed URL keeps working only while whoever made it may still see the client. */
  feedStillAllowed(issuer: Actor, clientUserId: string): Promise<boolean> {
    return this.clients.canAccessClient(issuer, clientUserId);
  }

  /** Limits `column` (a client user id) to the actor's clients; pair it with the tenant (core's actorScope). */
  clientScope(actor: Actor, column: string): SqlFragment {
    return this.clients.clientScope(actor, column);
  }
}
