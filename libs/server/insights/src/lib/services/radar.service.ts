import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, pageSizeProblem, Role } from '@followthrough/shared-domain';
import { Actor, badInput } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { RadarFilter } from '../dto/insights.inputs';
import { RadarConnection, RadarRow } from '../dto/insights.types';
import { ratio } from '../insights-definitions';
import { InsightsPolicy } from '../insights.policy';
import { attentionReasons } from '../radar/attention-score';
import { decodeRadarCursor, encodeRadarCursor, RadarPosition } from '../radar/radar-cursor';
import { RADAR_SETTINGS, RadarSettings } from '../radar/radar-settings';
import { radarStatement } from '../sql/radar.query';
import {
  radarScopeLockStatement,
  radarSnapshotClearStatement,
  radarSnapshotFillStatement,
  radarSnapshotHeaderStatement,
  radarSnapshotReadStatement,
  RadarScope,
  RadarSnapshotSqlRow,
} from '../sql/radar-snapshot.query';
import { InsightsSql, SqlRunner } from './insights-sql.service';

/**
 * The Follow-up Radar, served from a bounded-staleness snapshot per scope (see README "Radar snapshots"):
 * a fresh snapshot answers in one statement; a stale or missing one is recomputed once (advisory lock) with
 * the ranking statement, inside a transaction, then read. Either way a constant number of statements.
 */
@Injectable()
export class RadarService {
  constructor(
    private readonly policy: InsightsPolicy,
    private readonly identity: IdentityDirectory,
    private readonly sql: InsightsSql,
    @Inject(RADAR_SETTINGS) private readonly settings: RadarSettings,
  ) {}

  async radar(actor: Actor, filter: RadarFilter, first = DEFAULT_PAGE_SIZE, after?: string | null): Promise<RadarConnection> {
    const sizeProblem = pageSizeProblem(first);
    if (sizeProblem) throw badInput('first', sizeProblem);
    const position = after ? decodeRadarCursor(after) : null;
    if (after && !position) throw badInput('after', 'is not a cursor from the radar; start again without it');
    const { rows, computedAt } = await this.read(actor, filter, position, first + 1);
    const edges = rows.slice(0, first).map((node) => ({ cursor: encodeRadarCursor({ score: node.score, clientUserId: node.clientUserId }), node }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first }, asOf: computedAt };
  }

  /** Every client in scope, ranked (for the CSV export). */
  async all(actor: Actor, filter: RadarFilter): Promise<RadarRow[]> {
    return (await this.read(actor, filter, null, null)).rows;
  }

  /** The ranking statement of one radar page computed live (what the snapshot is filled from; the EXPLAIN test inspects it). */
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

  private async read(actor: Actor, filter: RadarFilter, after: RadarPosition | null, limit: number | null) {
    const coachUserId = this.policy.radarCoach(actor, filter.coachUserId);
    const scope = radarScopeOf(actor, coachUserId);
    const { maxAgeMs } = this.settings;
    const page = (fresh: Date | null) =>
      radarSnapshotReadStatement({
        scope,
        clientScope: (column) => this.policy.clientScope(actor, column),
        coachUserId,
        after,
        limit,
        fresh: fresh && { now: fresh, maxAgeMs },
      });

    if (maxAgeMs > 0) {
      const served = await this.sql.rows<RadarSnapshotSqlRow>(page(new Date()));
      if (served.length > 0) return pageOf(served);
    }
    const calendar = await this.identity.calendarOf(actor.agencyId);
    const rows = await this.sql.transaction(async (run: SqlRunner) => {
      await run(radarScopeLockStatement(scope));
      if (maxAgeMs > 0) {
        // Another request may have recomputed this scope while we waited for the lock.
        const served = await run<RadarSnapshotSqlRow>(page(new Date()));
        if (served.length > 0) return served;
      }
      const now = new Date();
      await run(radarSnapshotHeaderStatement(scope, now));
      await run(radarSnapshotClearStatement(scope));
      const ranking = radarStatement({
        agencyId: actor.agencyId,
        scope: this.policy.clientScope(actor, 'm.user_id'),
        coachUserId,
        now,
        calendar,
        after: null,
        limit: null,
      });
      await run(radarSnapshotFillStatement(scope, ranking));
      return run<RadarSnapshotSqlRow>(page(null));
    });
    return pageOf(rows);
  }
}

/** The snapshot a caller's radar lives in: a coach's caseload is the same scope for the coach and for an admin filtering on them. */
export function radarScopeOf(actor: Actor, coachUserId: string | null): RadarScope {
  const coach = coachUserId ?? (actor.role === Role.COACH ? actor.userId : null);
  return { agencyId: actor.agencyId, key: coach ? `coach:${coach.toLowerCase()}` : 'agency' };
}

function pageOf(rows: RadarSnapshotSqlRow[]): { rows: RadarRow[]; computedAt: Date } {
  const [first] = rows;
  if (!first) throw new Error('A radar snapshot read returned no header row');
  return { rows: rows.filter((row) => row.client_user_id !== null).map(radarRow), computedAt: first.computed_at };
}

function radarRow(row: RadarSnapshotSqlRow): RadarRow {
  const businessDaysSinceLastTouch = row.business_days_since_last_touch;
  const facts = {
    overdueSteps: row.overdue_steps,
    businessDaysSinceLastTouch,
    silentApplications: row.silent_applications,
    unactionedVents: row.unactioned_vents,
    ignoredReminders: row.ignored_reminders,
  };
  return {
    clientUserId: row.client_user_id as string,
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
