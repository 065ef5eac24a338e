import { RadarPosition } from '../radar/radar-cursor';
import { SqlParams } from './sql-params';
import { SqlStatement } from './sql-statement';

/**
 * The radar's materialized read model (tables in migrations/1795894000000-InsightsRadarSnapshots.ts).
 *
 * A scope is what one radar ranks: a coach's caseload (`coach:<coach id>`, the same for the coach and for an
 * admin filtering on them) or an admin's whole agency (`agency`). Its header (`insights_radar_snapshots`) says
 * when its rows were computed and at which agency data version (`insights_radar_versions`, bumped by the
 * pipeline listeners in the writers' transactions); its rows (`insights_radar_rows`) hold each client's score,
 * attention facts and headline counts.
 */
export interface RadarScope {
  agencyId: string;
  /** `agency` or `coach:<coach user id>`. */
  key: string;
}

export interface RadarSnapshotSqlRow {
  computed_at: Date;
  client_user_id: string | null;
  client_name: string;
  score: number;
  open_applications: number;
  overdue_steps: number;
  silent_applications: number;
  unactioned_vents: number;
  ignored_reminders: number;
  last_touch_at: Date | null;
  business_days_since_last_touch: number | null;
  applied_applications: number;
  covered_applications: number;
  outbound_touches: number;
  beyond_email_touches: number;
}

export interface RadarSnapshotReadInput {
  scope: RadarScope;
  /** The caller's client scope on the given column, numbered from the given parameter (ClientAccessPolicy.clientScopeSql). */
  clientScope: (column: string) => (firstParam: number) => { sql: string; params: unknown[] };
  coachUserId: string | null;
  after: RadarPosition | null;
  limit: number | null;
  /** Only a fresh snapshot: computed after `now - maxAgeMs` and at the agency's current data version; null reads it whatever its age. */
  fresh: { now: Date; maxAgeMs: number } | null;
}

/**
 * One page of a scope's snapshot, in one statement: no row at all when there is no (fresh) snapshot, else the
 * header's `computed_at` on every row (one row with a null client when the page is empty). The rows are cut
 * by keyset on (score desc, client id) from `insights_radar_rows_rank_idx`, and filtered by the caller's
 * current client scope, so a client unassigned or removed since the snapshot is never shown.
 */
export function radarSnapshotReadStatement(input: RadarSnapshotReadInput): SqlStatement {
  const params = new SqlParams();
  const agency = params.add(input.scope.agencyId, 'uuid');
  const key = params.add(input.scope.key);
  const scope = input.clientScope('r.client_user_id')(params.next);
  params.addAll(scope.params);
  const coachFilter = input.coachUserId
    ? `AND r.client_user_id IN (SELECT ca.client_user_id FROM coach_assignments ca WHERE ca.agency_id = ${agency} AND ca.coach_user_id = ${params.add(input.coachUserId, 'uuid')})`
    : '';
  let keyset = '';
  if (input.after) {
    const score = params.add(input.after.score, 'int');
    const id = params.add(input.after.clientUserId, 'uuid');
    keyset = `AND (r.score < ${score} OR (r.score = ${score} AND r.client_user_id > ${id}))`;
  }
  const limit = input.limit === null ? '' : `LIMIT ${params.add(input.limit, 'int')}`;
  let fresh = '';
  if (input.fresh) {
    const since = params.add(new Date(input.fresh.now.getTime() - input.fresh.maxAgeMs), 'timestamptz');
    fresh = `AND s.computed_at > ${since}
     AND s.data_version >= COALESCE((SELECT v.version FROM insights_radar_versions v WHERE v.agency_id = ${agency}), 0)`;
  }
  const text = `
SELECT s.computed_at, p.*
  FROM insights_radar_snapshots s
  LEFT JOIN LATERAL (
    SELECT r.client_user_id, r.client_name, r.score, r.open_applications, r.overdue_steps, r.silent_applications,
           r.unactioned_vents, r.ignored_reminders, r.last_touch_at, r.business_days_since_last_touch,
           r.applied_applications, r.covered_applications, r.outbound_touches, r.beyond_email_touches
      FROM insights_radar_rows r
     WHERE r.agency_id = s.agency_id AND r.scope_key = s.scope_key ${keyset}
       AND ${scope.sql} ${coachFilter}
     ORDER BY r.score DESC, r.client_user_id
     ${limit}
  ) p ON TRUE
 WHERE s.agency_id = ${agency} AND s.scope_key = ${key}
   ${fresh}
 ORDER BY p.score DESC, p.client_user_id`;
  return { name: 'radar snapshot', text, values: params.values };
}

/** Serializes the recomputation of one scope (transaction-level advisory lock). */
export function radarScopeLockStatement(scope: RadarScope): SqlStatement {
  return {
    name: 'radar snapshot lock',
    text: `SELECT pg_advisory_xact_lock(hashtext('insights.radar'), hashtext($1::text || '/' || $2::text))`,
    values: [scope.agencyId, scope.key],
  };
}

/**
 * The scope's header, stamped with the agency's data version as this statement sees it. It runs before the
 * rows are computed (in a later statement, hence a later snapshot under READ COMMITTED), so a change committed
 * in between is in the rows but not in the stamp: the next request sees an older version and recomputes
 * (never the opposite).
 */
export function radarSnapshotHeaderStatement(scope: RadarScope, computedAt: Date): SqlStatement {
  return {
    name: 'radar snapshot header',
    text: `
INSERT INTO insights_radar_snapshots (agency_id, scope_key, computed_at, data_version, row_count)
VALUES ($1::uuid, $2, $3::timestamptz, COALESCE((SELECT v.version FROM insights_radar_versions v WHERE v.agency_id = $1::uuid), 0), 0)
ON CONFLICT (agency_id, scope_key) DO UPDATE SET computed_at = EXCLUDED.computed_at, data_version = EXCLUDED.data_version, row_count = 0`,
    values: [scope.agencyId, scope.key, computedAt],
  };
}

export function radarSnapshotClearStatement(scope: RadarScope): SqlStatement {
  return {
    name: 'radar snapshot clear',
    text: `DELETE FROM insights_radar_rows WHERE agency_id = $1::uuid AND scope_key = $2`,
    values: [scope.agencyId, scope.key],
  };
}

/** The whole ranked scope (the radar statement without keyset or limit) inserted as the scope's rows. */
export function radarSnapshotFillStatement(scope: RadarScope, ranking: SqlStatement): SqlStatement {
  const params = new SqlParams();
  params.addAll(ranking.values);
  const agency = params.add(scope.agencyId, 'uuid');
  const key = params.add(scope.key);
  const text = `
WITH inserted AS (
  INSERT INTO insights_radar_rows (agency_id, scope_key, client_user_id, client_name, score, open_applications, overdue_steps,
                                   silent_applications, unactioned_vents, ignored_reminders, last_touch_at, business_days_since_last_touch,
                                   applied_applications, covered_applications, outbound_touches, beyond_email_touches)
  SELECT ${agency}, ${key}, ranked.client_user_id, ranked.client_name, ranked.score, ranked.open_applications, ranked.overdue_steps,
         ranked.silent_applications, ranked.unactioned_vents, ranked.ignored_reminders, ranked.last_touch_at, ranked.business_days_since_last_touch,
         ranked.applied_applications, ranked.covered_applications, ranked.outbound_touches, ranked.beyond_email_touches
    FROM (${ranking.text}) ranked
  RETURNING 1
)
UPDATE insights_radar_snapshots s SET row_count = (SELECT count(*) FROM inserted)
 WHERE s.agency_id = ${agency} AND s.scope_key = ${key}`;
  return { name: 'radar snapshot fill', text, values: params.values };
}

/** The agency's data version, bumped by a writer inside its own transaction (one row, upserted). */
export function radarVersionBumpStatement(agencyId: string, at: Date): SqlStatement {
  return {
    name: 'radar version bump',
    text: `
INSERT INTO insights_radar_versions (agency_id, version, changed_at) VALUES ($1::uuid, 1, $2::timestamptz)
ON CONFLICT (agency_id) DO UPDATE SET version = insights_radar_versions.version + 1, changed_at = EXCLUDED.changed_at`,
    values: [agencyId, at],
  };
}
