import { Module } from '@nestjs/common';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { CsvExportController } from './export/csv-export.controller';
import { InsightsPolicy } from './insights.policy';
import { loadRadarSettings, RADAR_SETTINGS } from './radar/radar-settings';
import { InsightsResolver } from './resolvers/insights.resolver';
import { CsvExportService } from './services/csv-export.service';
import { DashboardService } from './services/dashboard.service';
import { InsightsSql } from './services/insights-sql.service';
import { RadarDataVersion } from './services/radar-data-version.service';
import { RadarService } from './services/radar.service';
import { ScorecardService } from './services/scorecard.service';

/**
 * Insights over the other contexts' tables (read-only): scorecards, the radar, the dashboard, CSV exports.
 * Its own tables are the radar snapshots, kept fresh by a data version the pipeline's writers bump.
 */
@Module({
  imports: [IdentityModule, PipelineModule],
  providers: [
    { provide: RADAR_SETTINGS, useFactory: () => loadRadarSettings() },
    InsightsSql,
    InsightsPolicy,
    ScorecardService,
    RadarService,
    RadarDataVersion,
    DashboardService,
    CsvExportService,
    InsightsResolver,
  ],
  controllers: [CsvExportController],
  exports: [ScorecardService, RadarService, DashboardService],
})
export class InsightsModule {}
