import { Module } from '@nestjs/common';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { CsvExportController } from './export/csv-export.controller';
import { InsightsPolicy } from './insights.policy';
import { InsightsResolver } from './resolvers/insights.resolver';
import { InsightsEventListeners } from './insights-events.listeners';
import { ClientRollups } from './services/client-rollups.service';
import { CsvExportService } from './services/csv-export.service';
import { DashboardService } from './services/dashboard.service';
import { InsightsSql } from './services/insights-sql.service';
import { InsightsDataRights } from './services/insights-data-rights.service';
import { RadarService } from './services/radar.service';
import { ScorecardService } from './services/scorecard.service';

/**
 * Insights over the other contexts' tables (read-only): scorecards, the radar, the dashboard, CSV exports.
 * Its own table is the per-client rollups, rewritten for each changed client inside the writer's transaction.
 */
@Module({
  imports: [IdentityModule, PipelineModule],
  providers: [
    InsightsSql,
    InsightsPolicy,
    ScorecardService,
    RadarService,
    ClientRollups,
    InsightsEventListeners,
    DashboardService,
    CsvExportService,
    InsightsResolver,
    InsightsDataRights,
  ],
  controllers: [CsvExportController],
  exports: [ScorecardService, RadarService, DashboardService, ClientRollups, InsightsDataRights],
})
export class InsightsModule {}
