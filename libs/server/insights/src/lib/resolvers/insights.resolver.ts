import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, Role } from '@followthrough/shared-domain';
import { Actor, CurrentActor, Roles } from '@followthrough/server-core';
import { InsightsPeriodInput, RadarFilter } from '../dto/insights.inputs';
import { AgencyDashboard, ClientScorecard, RadarConnection } from '../dto/insights.types';
import { DashboardService } from '../services/dashboard.service';
import { RadarService } from '../services/radar.service';
import { ScorecardService } from '../services/scorecard.service';

@Resolver()
export class InsightsResolver {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly radarService: RadarService,
    private readonly dashboards: DashboardService,
  ) {}

  @Query(() => ClientScorecard, { description: "A client's follow-up figures (all time unless a period is given)." })
  clientScorecard(
    @CurrentActor() actor: Actor,
    @Args('clientUserId', { type: () => ID }) clientUserId: string,
    @Args('period', { type: () => InsightsPeriodInput, nullable: true }) period?: InsightsPeriodInput,
  ): Promise<ClientScorecard> {
    return this.scorecards.scorecard(actor, clientUserId, period);
  }

  @Roles(Role.AGENCY_ADMIN, Role.COACH)
  @Query(() => RadarConnection, {
    description: 'Clients ranked by how much they need their coach now, with the reasons.',
  })
  followUpRadar(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => RadarFilter, nullable: true }) filter?: RadarFilter,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<RadarConnection> {
    return this.radarService.radar(actor, filter ?? {}, first ?? DEFAULT_PAGE_SIZE, after);
  }

  @Roles(Role.AGENCY_ADMIN, Role.COACH)
  @Query(() => AgencyDashboard, {
    description: 'Per coach and agency-wide follow-up figures (the last 12 weeks unless a period is given).',
  })
  agencyDashboard(
    @CurrentActor() actor: Actor,
    @Args('period', { type: () => InsightsPeriodInput, nullable: true }) period?: InsightsPeriodInput,
  ): Promise<AgencyDashboard> {
    return this.dashboards.dashboard(actor, period);
  }
}
