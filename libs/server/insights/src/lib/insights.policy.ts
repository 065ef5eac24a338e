import { Injectable } from '@nestjs/common';
import { Role } from '@followthrough/shared-domain';
import { Actor, forbidden, notFound, SqlFragment } from '@followthrough/server-core';
import { ClientAccessPolicy } from '@followthrough/server-identity';

/**
 * Who may see which insights. Clients: their own scorecard only. Coaches: their assigned clients'
 * scorecards, their own radar and dashboard. Admins: everything of their agency. Another agency:
 * never. A denied client answers NOT_FOUND (ClientAccessPolicy); the radar and the dashboard answer
 * FORBIDDEN to clients. Vent text never leaves insights: only counts, and for coaches and admins
 * only of the vents a client shared.
 */
@Injectable()
export class InsightsPolicy {
  constructor(private readonly clients: ClientAccessPolicy) {}

  /** Throws NOT_FOUND unless the actor may see this client; says whether private vents count. */
  async scorecardAccess(actor: Actor, clientUserId: string): Promise<{ allVents: boolean }> {
    await this.clients.assertCanAccessClient(actor, clientUserId);
    return { allVents: actor.role === Role.CLIENT };
  }

  /** The caller's clients as a SQL condition on `column` (ClientAccessPolicy decides). */
  clientScope(actor: Actor, column: string): SqlFragment {
    return this.clients.clientScope(actor, column);
  }

  /** Whose caseload the radar ranks: an admin may pick any coach (or none: the whole agency); a coach only themself. */
  radarCoach(actor: Actor, requestedCoachUserId: string | null | undefined): string | null {
    if (actor.role === Role.CLIENT) throw forbidden();
    if (actor.role === Role.COACH) {
      if (requestedCoachUserId && requestedCoachUserId.toLowerCase() !== actor.userId) throw notFound('Coach');
      return null; // the client scope already limits a coach to their own caseload
    }
    return requestedCoachUserId ?? null;
  }

  /** The dashboard covers the whole agency for an admin, the coach's own caseload for a coach. */
  dashboardCoach(actor: Actor): string | null {
    if (actor.role === Role.CLIENT) throw forbidden();
    return actor.role === Role.COACH ? actor.userId : null;
  }
}
