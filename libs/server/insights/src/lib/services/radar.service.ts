import { Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, pageSizeProblem } from '@followthrough/shared-domain';
import { Actor, badInput } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { RadarFilter } from '../dto/insights.inputs';
import { RadarConnection, RadarRow } from '../dto/insights.types';
import { ratio } from '../insights-definitions';
import { InsightsPolicy } from '../insights.policy';
import { attentionReasons } from '../radar/attention-score';
import { decodeRadarCursor, encodeRadarCursor, RadarPosition } from '../radar/radar-cursor';
import { radarStatement, RadarSqlRow } from '../sql/radar.query';
import { InsightsSql } from './insights-sql.service';

/** The Follow-up Radar: two statements per page (calendar, ranking) whatever the caseload's size. */
@Injectable()
export class RadarService {
  constructor(
    private readonly policy: InsightsPolicy,
    private readonly identity: IdentityDirectory,
    private readonly sql: InsightsSql,
  ) {}

  async radar(actor: Actor, filter: RadarFilter, first = DEFAULT_PAGE_SIZE, after?: string | null): Promise<RadarConnection> {
    const sizeProblem = pageSizeProblem(first);
    if (sizeProblem) throw badInput('first', sizeProblem);
    const position = after ? decodeRadarCursor(after) : null;
    if (after && !position) throw badInput('after', 'is not a cursor from the radar; start again without it');
    const { rows, now } = await this.rank(actor, filter, position, first + 1);
    const edges = rows.slice(0, first).map((node) => ({ cursor: encodeRadarCursor({ score: node.score, clientUserId: node.clientUserId }), node }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first }, asOf: now };
  }

  /** Every client in scope, ranked (for the CSV export). */
  async all(actor: Actor, filter: RadarFilter): Promise<RadarRow[]> {
    return (await this.rank(actor, filter, null, null)).rows;
  }

  /** The statement of one radar request (also what the benchmark replays and the EXPLAIN test inspects). */
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

  private async rank(actor: Actor, filter: RadarFilter, after: RadarPosition | null, limit: number | null) {
    const { statement, now } = await this.statement(actor, filter, after, limit);
    const rows = await this.sql.rows<RadarSqlRow>(statement);
    return { rows: rows.map(radarRow), now };
  }
}

function radarRow(row: RadarSqlRow): RadarRow {
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
