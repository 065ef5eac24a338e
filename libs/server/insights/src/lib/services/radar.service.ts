import { Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE } from '@followthrough/shared-domain';
import { Actor, assertPageSize, AuditService, badInput } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { RadarFilter } from '../dto/insights.inputs';
import { RadarConnection, RadarRow } from '../dto/insights.types';
import { ratio } from '../insights-definitions';
import { InsightsPolicy } from '../insights.policy';
import { attentionReasons } from '../radar/attention-score';
import { decodeRadarCursor, encodeRadarCursor, RadarPosition } from '../radar/radar-cursor';
import { ClientRollupSqlRow, radarPageStatement } from '../sql/client-rollup.query';
import { radarStatement } from '../sql/radar.query';
import { InsightsSql } from './insights-sql.service';

/**
 * The Follow-up Radar, read from the per-client rollups (see README "Read model") in one statement: the
 * caller's current clients joined to their rows, one keyset page. The writers and the worker keep the rollups
 * current (ClientRollups), so a read never computes a score.
 */
@Injectable()
export class RadarService {
  constructor(
    private readonly policy: InsightsPolicy,
    private readonly identity: IdentityDirectory,
    private readonly sql: InsightsSql,
    private readonly audit: AuditService,
  ) {}

  async radar(
    actor: Actor,
    filter: RadarFilter,
    first = DEFAULT_PAGE_SIZE,
    after?: string | null,
  ): Promise<RadarConnection> {
    assertPageSize(first);
    const position = after ? decodeRadarCursor(after) : null;
    if (after && !position) throw badInput('after', 'is not a cursor from the radar; start again without it');
    const { rows, asOf } = await this.read(actor, filter, position, first + 1);
    await this.audit.recordRead(
      actor,
      'followUpRadar.read',
      rows.slice(0, first).map((row) => row.clientUserId),
    );
    const edges = rows
      .slice(0, first)
      .map((node) => ({ cursor: encodeRadarCursor({ score: node.score, clientUserId: node.clientUserId }), node }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first }, asOf };
  }

  /** Every client in scope, ranked (for the CSV export). */
  async all(actor: Actor, filter: RadarFilter): Promise<RadarRow[]> {
    return (await this.read(actor, filter, null, null)).rows;
  }

  /** The ranking statement computed live for a scope (what a rollup is computed with; the EXPLAIN test inspects it). */
  async statement(actor: Actor, filter: RadarFilter, after: RadarPosition | null, limit: number | null) {
    const coachUserId = this.policy.radarCoach(actor, filter.coachUserId);
    const calendar = await this.identity.calendarOf(actor.agencyId);
    const now = new Date();
    const statement = radarStatement({
      agencyId: actor.agencyId,
      scope: this.policy.clientScope(actor, 'm.user_id'),
      coachUserId,
      now,
      calendar,
      after,
      limit,
    });
    return { statement, now, calendar };
  }

  /** The statement one radar page is read with (the EXPLAIN test inspects it). */
  pageStatement(actor: Actor, filter: RadarFilter, after: RadarPosition | null, limit: number | null) {
    const coachUserId = this.policy.radarCoach(actor, filter.coachUserId);
    return radarPageStatement({
      agencyId: actor.agencyId,
      clientScope: (column) => this.policy.clientScope(actor, column),
      coachUserId,
      after,
      limit,
    });
  }

  private async read(actor: Actor, filter: RadarFilter, after: RadarPosition | null, limit: number | null) {
    // The rollups are current as of now, up to the worker's pass for what time alone changes.
    const asOf = new Date();
    const rows = await this.sql.rows<ClientRollupSqlRow>(this.pageStatement(actor, filter, after, limit));
    return { rows: rows.map(radarRow), asOf };
  }
}

function radarRow(row: ClientRollupSqlRow): RadarRow {
  const businessDaysSinceLastTouch = row.business_days_since_last_touch;
  const facts = {
    overdueSteps: row.overdue_steps,
    businessDaysSinceLastTouch,
    silentApplications: row.silent_applications,
    unactionedVents: row.unactioned_vents,
    ignoredReminders: row.ignored_reminders,
  };
  return {
    clientUserId: row.client_user_id,
    clientName: row.client_name,
    score: row.score,
    reasons: attentionReasons(facts),
    headline: {
      openApplications: row.open_applications,
      overdueSteps: row.overdue_steps,
      silentApplications: row.silent_applications,
      lastTouchAt: row.last_touch_at,
      businessDaysSinceLastTouch,
      followUpCoverage: ratio(row.covered_applications, row.applied_applications),
      beyondEmailShare: ratio(row.beyond_email_touches, row.outbound_touches),
      unactionedSharedVents: row.unactioned_vents,
      ignoredReminders: row.ignored_reminders,
    },
  };
}
