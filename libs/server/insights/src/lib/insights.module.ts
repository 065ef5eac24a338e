import { Module } from '@nestjs/common';
import { IdentityModule } from '@followthrough/server-identity';
import { CsvExportController } from './export/csv-export.controller';
import { InsightsPolicy } from './insights.policy';
import { InsightsResolver } from './resolvers/insights.resolver';
import { CsvExportService } from './services/csv-export.service';
import { DashboardService } from './services/dashboard.service';
import { InsightsSql } from './services/insights-sql.service';
import { RadarService } from './services/radar.service';
import { ScorecardService } from './services/scorecard.service';

/** Read-only insights over the other contexts' tables: scorecards, the radar, the dashboard, CSV exports. */
@Module({
  imports: [IdentityModule],
  providers: [InsightsSql, InsightsPolicy, ScorecardService, RadarService, DashboardService, CsvExportService, InsightsResolver],
  controllers: [CsvExportController],
  exports: [ScorecardService, RadarService, DashboardService],
})
export class InsightsModule {}
