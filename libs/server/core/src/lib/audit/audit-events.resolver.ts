import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Role } from '@followthrough/shared-domain';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AuditService } from './audit.service';
import { AuditEventConnection, AuditEventFilter, AuditEventView } from './audit-events.types';

@Resolver(() => AuditEventView)
export class AuditEventsResolver {
  constructor(private readonly audit: AuditService) {}

  @Roles(Role.AGENCY_ADMIN)
  @Query(() => AuditEventConnection, {
    description:
      "The agency's audit trail, newest first (admins). `first` is 1–200, like every list; GET /export/audit.csv downloads it.",
  })
  auditEvents(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => AuditEventFilter, nullable: true }) filter?: AuditEventFilter,
    @Args('first', { type: () => Int, defaultValue: 50 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AuditEventConnection> {
    return this.audit.page(actor.agencyId, filter ?? {}, first ?? 50, after ?? null);
  }
}
