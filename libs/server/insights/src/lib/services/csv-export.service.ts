import { MAX_PAGE_SIZE } from '@followthrough/shared-domain';
import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { CsvCell, toCsv } from '../csv/csv-writer';
import { RadarFilter } from '../dto/insights.inputs';
import { InsightsPolicy } from '../insights.policy';
import { pipelineExportStatement, PipelineExportSqlRow } from '../sql/pipeline-export.query';
import { InsightsSql } from './insights-sql.service';
import { RadarService } from './radar.service';

const RADAR_HEADER = [
  'rank',
  'client_user_id',
  'client_name',
  'score',
  'reasons',
  'open_applications',
  'overdue_steps',
  'silent_applications',
  'last_touch_at',
  'business_days_since_last_touch',
  'follow_up_coverage',
  'beyond_email_share',
  'unactioned_shared_vents',
  'ignored_reminders',
];

const PIPELINE_HEADER = [
  'application_id',
  'company',
  'title',
  'stage',
  'created_at',
  'applied_at',
  'last_touch_at',
  'touches',
  'outbound_touches',
  'beyond_email_touches',
  'answered_touches',
  'first_touch_at',
  'business_days_to_first_touch',
  'overdue_steps',
  'next_step_due_at',
];

/** The radar and a client's pipeline as CSV documents, under the same access rules as GraphQL. */
@Injectable()
export class CsvExportService {
  constructor(
    private readonly radar: RadarService,
    private readonly policy: InsightsPolicy,
    private readonly identity: IdentityDirectory,
    private readonly sql: InsightsSql,
    private readonly audit: AuditService,
  ) {}

  async radarCsv(actor: Actor, filter: RadarFilter): Promise<string> {
    const rows = await this.radar.all(actor, filter);
    await this.audit.recordRead(
      actor,
      'radar.exported',
      rows.map((row) => row.clientUserId),
    );
    return toCsv(
      RADAR_HEADER,
      rows.map((row, i) => [
        i + 1,
        row.clientUserId,
        row.clientName,
        row.score,
        row.reasons.map((reason) => `${reason.text} (+${reason.weight})`).join('; '),
        row.headline.openApplications,
        row.headline.overdueSteps,
        row.headline.silentApplications,
        row.headline.lastTouchAt,
        row.headline.businessDaysSinceLastTouch,
        row.headline.followUpCoverage,
        row.headline.beyondEmailShare,
        row.headline.unactionedSharedVents,
        row.headline.ignoredReminders,
      ]),
    );
  }

  async pipelineCsv(actor: Actor, clientUserId: string): Promise<string> {
    await this.policy.scorecardAccess(actor, clientUserId);
    const calendar = await this.identity.calendarOf(actor.agencyId);
    const rows = await this.sql.laggingRows<PipelineExportSqlRow>(
      pipelineExportStatement(actor.agencyId, clientUserId, new Date(), calendar),
    );
    // A coach's or admin's export of someone's pipeline is a read on their behalf: audited, like the pipeline's own reads.
    if (actor.userId !== clientUserId) {
      await this.audit.record(actor, {
        action: 'insights.pipelineExported',
        entityType: 'Application',
        subjectUserId: clientUserId,
      });
    }
    return toCsv(
      PIPELINE_HEADER,
      rows.map((row) => [
        row.application_id,
        row.company,
        row.title,
        row.stage,
        row.created_at,
        row.applied_at,
        row.last_touch_at,
        row.touches,
        row.outbound_touches,
        row.beyond_email_touches,
        row.answered_touches,
        row.first_touch_at,
        row.business_days_to_first_touch,
        row.overdue_steps,
        row.next_step_due_at,
      ]),
    );
  }

  /** The agency's audit trail in a period, newest first, at most AUDIT_CSV_MAX_ROWS rows. */
  async auditCsv(actor: Actor, period: { from?: Date; to?: Date }): Promise<string> {
    const rows: CsvCell[][] = [];
    let after: string | null = null;
    do {
      const page = await this.audit.page(actor.agencyId, period, MAX_PAGE_SIZE, after);
      for (const event of page.nodes) {
        rows.push([
          event.occurredAt,
          event.actorUserId,
          event.action,
          event.entityType,
          event.entityId,
          event.subjectUserIds.join(' '),
          event.detail,
          event.onBehalf ? 'yes' : 'no',
        ]);
      }
      after = page.hasNextPage ? page.endCursor : null;
    } while (after && rows.length < AUDIT_CSV_MAX_ROWS);
    return toCsv(
      ['occurred_at', 'actor_user_id', 'action', 'entity_type', 'entity_id', 'client_user_ids', 'detail', 'on_behalf'],
      rows,
    );
  }
}

const AUDIT_CSV_MAX_ROWS = 100_000;
