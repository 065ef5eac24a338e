import {
  ANSWERED_OUTCOMES,
  BusinessCalendar,
  formatLocalDate,
  localDateTime,
  zonedInstant,
} from '@followthrough/shared-domain';
import { sqlList } from '../insights-definitions';
import { BusinessDaySql } from './business-day-sql';
import { Period } from './period-sql';
import { SqlParams } from './sql-params';
import { SqlStatement } from './sql-statement';

/**
 * The dashboard's aggregates (libs/server/insights README, "Read model"). Each client's rollup row keeps the
 * client's **facts**: counts per (local week, metric, key), e.g. (2026-03-02, touches, PHONE) = 2, and the
 * **scopes** it was counted in: the agency (scope id = the agency id) and each coach it is assigned to. A
 * writer that recomputes a client's row also writes, for each scope, the difference between the new facts
 * and the stored ones as append-only **deltas** (`insights_fact_deltas`); the worker folds them into
 * `insights_scope_weeks`, one row per (scope, week, metric, key). A dashboard sums both for its scopes and
 * weeks: coaches × weeks × metrics, whatever the history. Writers only insert (no shared row to update), so
 * there is no per-agency or per-coach hot row.
 */
export const FACT = {
  /** One per client (week `-infinity`): a coach's `clients`. */
  clients: 'clients',
  /** Steps due by the time the facts were computed, not cancelled or skipped; and those done on time. By due week. */
  stepsDue: 'steps_due',
  stepsOnTime: 'steps_on_time',
  /** Steps done by a logged touch (key: step key, unit separator, channel), and those answered. By due week. */
  stepDone: 'step_done',
  stepAnswered: 'step_answered',
  /** Outbound touches and answered ones, by channel (key). By week of the touch. */
  touches: 'touches',
  answered: 'answered',
  /** Applications sent; and, for those touched since, business days to the first outbound touch (key). By week sent. */
  applied: 'applied',
  firstTouchDays: 'first_touch_days',
  /** Vents shared with the coach, and those no longer open. By week created. */
  sharedVents: 'shared_vents',
  actionedVents: 'actioned_vents',
  /** Applications by the furthest progress stage reached (key: 1 SAVED … 6 HIRED) and, if so, now rejected or withdrawn. By week created. */
  funnelReached: 'funnel_reached',
  funnelNow: 'funnel_now',
} as const;

/** The week of per-client facts that hold whatever the period (a coach's client count). */
export const TIMELESS_WEEK = '-infinity';

export const PROGRESS_STAGES = ['SAVED', 'APPLIED', 'SCREENING', 'INTERVIEWING', 'OFFER', 'HIRED'];

/** Separates a step key from its channel in a fact key (neither contains it). */
export const KEY_SEPARATOR = '\u001f';

export interface ClientFactsSql {
  /** A SELECT of (client_user_id, week date, metric text, key text, value int) for the given clients. */
  text: string;
}

/**
 * The facts of some clients from the source tables, through the per-client indexes: a client's history,
 * never the agency's. `now` bounds the steps counted as due (the worker recomputes a row at its next step's
 * due time, see `refresh_at`).
 */
export function clientFactsSql(
  refs: { agency: string; clients: string; now: string },
  calendar: BusinessCalendar,
  params: SqlParams,
): string {
  const { agency, clients, now } = refs;
  const zone = params.add(calendar.timezone, 'text');
  const days = new BusinessDaySql(calendar, params);
  const week = (instant: string) => `date_trunc('week', (${instant}) AT TIME ZONE ${zone})::date`;
  const answered = `f.outcome IN (${sqlList(ANSWERED_OUTCOMES)})`;
  const progress = `ARRAY[${sqlList(PROGRESS_STAGES)}]::text[]`;
  const stepKey = `st.step_key || E'\\x1f' || st.channel`;
  // One scan per table; each row yields the facts it counts in (LATERAL VALUES … WHERE counted).
  return `
SELECT client_user_id, week, metric, key, count(*)::int AS value FROM (
  SELECT m.user_id AS client_user_id, '${TIMELESS_WEEK}'::date AS week, '${FACT.clients}' AS metric, '' AS key
    FROM memberships m WHERE m.agency_id = ${agency} AND m.user_id = ANY(${clients}) AND m.role = 'CLIENT'
  UNION ALL
  SELECT st.client_user_id, ${week('st.due_at')}, x.metric, x.key
    FROM step_instances st
    LEFT JOIN follow_ups f ON st.status = 'DONE' AND f.id = st.follow_up_id AND f.agency_id = st.agency_id AND f.deleted_at IS NULL
   CROSS JOIN LATERAL (VALUES
     ('${FACT.stepsDue}', '', TRUE),
     ('${FACT.stepsOnTime}', '', st.status = 'DONE' AND st.completed_at IS NOT NULL AND ${days.between('st.due_at', 'st.completed_at')} <= 0),
     ('${FACT.stepDone}', ${stepKey}, f.id IS NOT NULL),
     ('${FACT.stepAnswered}', ${stepKey}, f.id IS NOT NULL AND ${answered})) x(metric, key, counted)
   WHERE st.agency_id = ${agency} AND st.client_user_id = ANY(${clients}) AND st.due_at <= ${now}
     AND st.status NOT IN ('CANCELLED', 'SKIPPED') AND x.counted
  UNION ALL
  SELECT f.client_user_id, ${week('f.occurred_at')}, x.metric, f.channel::text
    FROM follow_ups f
   CROSS JOIN LATERAL (VALUES ('${FACT.touches}', TRUE), ('${FACT.answered}', ${answered})) x(metric, counted)
   WHERE f.agency_id = ${agency} AND f.client_user_id = ANY(${clients}) AND f.direction = 'OUTBOUND' AND f.deleted_at IS NULL AND x.counted
  UNION ALL
  SELECT a.client_user_id, x.week, x.metric, x.key
    FROM applications a
   CROSS JOIN LATERAL (SELECT min(f.occurred_at) AS first_at FROM follow_ups f
                        WHERE f.agency_id = a.agency_id AND f.client_user_id = a.client_user_id AND f.application_id = a.id
                          AND f.direction = 'OUTBOUND' AND f.occurred_at >= a.applied_at AND f.deleted_at IS NULL) ft
   CROSS JOIN LATERAL (VALUES
     (${week('a.applied_at')}, '${FACT.applied}', '', a.applied_at IS NOT NULL),
     (${week('a.applied_at')}, '${FACT.firstTouchDays}', (${days.between('a.applied_at', 'ft.first_at')})::text, ft.first_at IS NOT NULL),
     -- The furthest progress stage: the current one, or for rejected and withdrawn ones the furthest in their history.
     (${week('a.created_at')}, '${FACT.funnelReached}',
      COALESCE(array_position(${progress}, a.stage::text),
               (SELECT max(array_position(${progress}, h.to_stage::text))
                  FROM application_stage_changes h WHERE h.agency_id = a.agency_id AND h.application_id = a.id),
               1)::text, TRUE),
     (${week('a.created_at')}, '${FACT.funnelNow}', a.stage::text, a.stage IN ('REJECTED', 'WITHDRAWN'))) x(week, metric, key, counted)
   WHERE a.agency_id = ${agency} AND a.client_user_id = ANY(${clients}) AND x.counted
  UNION ALL
  SELECT v.client_user_id, ${week('v.created_at')}, x.metric, ''
    FROM vents v
   CROSS JOIN LATERAL (VALUES ('${FACT.sharedVents}', TRUE), ('${FACT.actionedVents}', v.state <> 'OPEN')) x(metric, counted)
   WHERE v.agency_id = ${agency} AND v.client_user_id = ANY(${clients}) AND v.shared_with_coach AND x.counted
) facts
GROUP BY client_user_id, week, metric, key`;
}

/**
 * The CTEs and the delta insert a rollup refresh adds (see `rollupRefreshStatement`): the stored facts and scopes
 * locked (`old`, the latest committed version even if another writer of the client just committed), the new
 * facts and scopes, and the deltas = new facts × new scopes − stored facts × stored scopes. The rollup upsert
 * then stores `new_json` and `new_scope_ids`; clients no longer members have their facts cleared (`gone`).
 */
export function factRefreshCtes(
  refs: { agency: string; clients: string; now: string },
  calendar: BusinessCalendar,
  params: SqlParams,
): string {
  const { agency, clients } = refs;
  return `
old_facts AS MATERIALIZED (
  SELECT r.client_user_id, r.week_facts, r.fact_scopes FROM insights_client_rollups r
   WHERE r.agency_id = ${agency} AND r.client_user_id = ANY(${clients})
     FOR UPDATE
), new_facts AS MATERIALIZED (${clientFactsSql(refs, calendar, params)}
), new_scopes AS MATERIALIZED (
  SELECT m.user_id AS client_user_id, ${agency} AS scope_id
    FROM memberships m WHERE m.agency_id = ${agency} AND m.user_id = ANY(${clients}) AND m.role = 'CLIENT'
  UNION ALL
  SELECT ca.client_user_id, ca.coach_user_id
    FROM coach_assignments ca
    JOIN memberships m ON m.agency_id = ca.agency_id AND m.user_id = ca.client_user_id AND m.role = 'CLIENT'
   WHERE ca.agency_id = ${agency} AND ca.client_user_id = ANY(${clients})
), new_json AS MATERIALIZED (
  SELECT f.client_user_id, jsonb_agg(jsonb_build_array(f.week::text, f.metric, f.key, f.value)) AS week_facts
    FROM new_facts f GROUP BY f.client_user_id
), new_scope_ids AS MATERIALIZED (
  SELECT client_user_id, array_agg(scope_id ORDER BY scope_id) AS scope_ids FROM new_scopes GROUP BY client_user_id
), old_values AS (
  SELECT o.client_user_id, jsonb_array_elements(o.week_facts) AS fact FROM old_facts o
), old_scopes AS (
  SELECT o.client_user_id, unnest(o.fact_scopes) AS scope_id FROM old_facts o
), fact_deltas AS (
  INSERT INTO insights_fact_deltas (agency_id, scope_id, week, metric, key, value)
  SELECT ${agency}, d.scope_id, d.week, d.metric, d.key, sum(d.value)::int
    FROM (
      SELECT s.scope_id, (v.fact->>0)::date AS week, v.fact->>1 AS metric, v.fact->>2 AS key, -(v.fact->>3)::int AS value
        FROM old_values v JOIN old_scopes s ON s.client_user_id = v.client_user_id
      UNION ALL
      SELECT s.scope_id, f.week, f.metric, f.key, f.value
        FROM new_facts f JOIN new_scopes s ON s.client_user_id = f.client_user_id
    ) d
   GROUP BY d.scope_id, d.week, d.metric, d.key
  HAVING sum(d.value) <> 0
), gone AS (
  UPDATE insights_client_rollups r SET week_facts = '[]', fact_scopes = '{}'
    FROM old_facts o
   WHERE r.agency_id = ${agency} AND r.client_user_id = o.client_user_id
     AND o.client_user_id NOT IN (SELECT client_user_id FROM new_scopes)
)`;
}

/** The worker folds the writers' deltas into the scope-week rows, oldest first, a batch at a time. */
export function foldDeltasStatement(limit: number): SqlStatement {
  return {
    name: 'fold insights fact deltas',
    text: `
WITH moved AS (
  DELETE FROM insights_fact_deltas d
   WHERE d.id IN (SELECT id FROM insights_fact_deltas ORDER BY id LIMIT $1::int FOR UPDATE SKIP LOCKED)
  RETURNING d.agency_id, d.scope_id, d.week, d.metric, d.key, d.value
), summed AS (
  SELECT agency_id, scope_id, week, metric, key, sum(value)::int AS value, count(*)::int AS deltas
    FROM moved GROUP BY agency_id, scope_id, week, metric, key
), folded AS (
  INSERT INTO insights_scope_weeks AS w (agency_id, scope_id, week, metric, key, value)
  SELECT agency_id, scope_id, week, metric, key, value FROM summed
  ON CONFLICT (agency_id, scope_id, week, metric, key) DO UPDATE SET value = w.value + EXCLUDED.value
)
SELECT COALESCE(sum(deltas), 0)::int AS folded FROM summed`,
    values: [limit],
  };
}

/** Fold and rebuild never overlap (both rewrite scope-week rows): a transaction-level advisory lock. */
export const SCOPE_WEEKS_LOCK: SqlStatement = {
  name: 'insights scope weeks lock',
  text: `SELECT pg_advisory_xact_lock(hashtext('insights_scope_weeks'))`,
  values: [],
};

/**
 * After a rebuild: the agency's scope-week rows become exactly the sum of its clients' stored facts, and its
 * pending deltas go. One statement, one snapshot: a writer committing meanwhile keeps its delta and its stored
 * facts are not yet summed, so nothing is counted twice or lost.
 */
export function resetScopeWeeksStatement(agencyId: string): SqlStatement {
  return {
    name: 'reset insights scope weeks',
    text: `
WITH cleared AS (
  DELETE FROM insights_fact_deltas WHERE agency_id = $1::uuid
), stored AS (
  SELECT s.scope_id, (e.fact->>0)::date AS week, e.fact->>1 AS metric, e.fact->>2 AS key, sum((e.fact->>3)::int)::int AS value
    FROM insights_client_rollups r
   CROSS JOIN LATERAL jsonb_array_elements(r.week_facts) e(fact)
   CROSS JOIN LATERAL unnest(r.fact_scopes) s(scope_id)
   WHERE r.agency_id = $1::uuid
   GROUP BY 1, 2, 3, 4
), removed AS (
  DELETE FROM insights_scope_weeks w
   WHERE w.agency_id = $1::uuid
     AND NOT EXISTS (SELECT 1 FROM stored s WHERE s.scope_id = w.scope_id AND s.week = w.week AND s.metric = w.metric AND s.key = w.key)
)
INSERT INTO insights_scope_weeks AS w (agency_id, scope_id, week, metric, key, value)
SELECT $1::uuid, scope_id, week, metric, key, value FROM stored
ON CONFLICT (agency_id, scope_id, week, metric, key) DO UPDATE SET value = EXCLUDED.value`,
    values: [agencyId],
  };
}

/** Before a reset: rows of people no longer clients of the agency count nowhere. */
export function clearFormerClientsStatement(agencyId: string): SqlStatement {
  return {
    name: 'clear former clients facts',
    text: `UPDATE insights_client_rollups r SET week_facts = '[]', fact_scopes = '{}'
            WHERE r.agency_id = $1::uuid AND r.fact_scopes <> '{}'
              AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.agency_id = r.agency_id AND m.user_id = r.client_user_id AND m.role = 'CLIENT')`,
    values: [agencyId],
  };
}

/** A period the aggregates can answer: both ends open or on a Monday midnight in the agency's zone. */
export function weekAligned(
  period: Period,
  calendar: BusinessCalendar,
): { from: string | null; to: string | null } | null {
  const week = (instant: Date | null): string | null | undefined => {
    if (!instant) return null;
    const local = localDateTime(instant, calendar.timezone);
    if (local.weekday !== 1) return undefined;
    const midnight = zonedInstant(local, { hour: 0, minute: 0 }, calendar.timezone);
    return midnight.getTime() === instant.getTime() ? formatLocalDate(local) : undefined;
  };
  const from = week(period.from);
  const to = week(period.to);
  return from === undefined || to === undefined ? null : { from, to };
}

export interface AggregateDashboardInput {
  agencyId: string;
  /** Set for a coach: their row, and the agency-wide sections over their caseload. */
  coachUserId: string | null;
  /** Local Monday dates, inclusive from, exclusive to; null ends are open. */
  periodWeeks: { from: string | null; to: string | null };
  trendWeeks: { from: string; to: string };
}

export interface AggregateDashboardRow {
  coaches: { coach_user_id: string; coach_name: string }[] | null;
  /** [scope id, metric, key, value] summed over the period's weeks (and the timeless client counts). */
  period: [string, string, string, number][] | null;
  /** [week, metric, key, value] of the viewer's scope over the trend's weeks. */
  trend: [string, string, string, number][] | null;
  /** Steps done by a touch over the period, per step and channel, in the live statement's order. */
  by_step: { step_key: string; channel: string; done: number; answered: number }[] | null;
}

/**
 * A dashboard from the aggregates, in one statement: the coaches (names), then the folded scope-week rows and
 * the deltas not yet folded for the viewer's scope and each coach's, over the period's and the trend's weeks.
 */
export function aggregateDashboardStatement(input: AggregateDashboardInput): SqlStatement {
  const params = new SqlParams();
  const agency = params.add(input.agencyId, 'uuid');
  const onlyCoach = input.coachUserId ? `AND m.user_id = ${params.add(input.coachUserId, 'uuid')}` : '';
  const viewer = input.coachUserId ? params.add(input.coachUserId, 'uuid') : agency;
  const trendFrom = params.add(input.trendWeeks.from, 'date');
  const trendTo = params.add(input.trendWeeks.to, 'date');
  const periodFrom = input.periodWeeks.from ? params.add(input.periodWeeks.from, 'date') : null;
  const periodTo = input.periodWeeks.to ? params.add(input.periodWeeks.to, 'date') : null;
  // Every week either section needs, as one index range per scope.
  const lower = periodFrom ? `LEAST(${periodFrom}, ${trendFrom})` : null;
  const upper = periodTo ? `GREATEST(${periodTo}, ${trendTo})` : null;
  const range = (alias: string) =>
    [
      `${alias}.week > '${TIMELESS_WEEK}'`,
      lower ? `${alias}.week >= ${lower}` : '',
      upper ? `${alias}.week < ${upper}` : '',
    ]
      .filter(Boolean)
      .join(' AND ');
  const inPeriod =
    [periodFrom ? `week >= ${periodFrom}` : '', periodTo ? `week < ${periodTo}` : ''].filter(Boolean).join(' AND ') ||
    'TRUE';
  const sources = ['insights_scope_weeks', 'insights_fact_deltas']
    .flatMap((table) => [
      `SELECT x.scope_id, x.week, x.metric, x.key, x.value FROM ${table} x
        WHERE x.agency_id = ${agency} AND x.scope_id = ANY(ARRAY(SELECT scope_id FROM scopes)) AND ${range('x')}`,
      `SELECT x.scope_id, x.week, x.metric, x.key, x.value FROM ${table} x
        WHERE x.agency_id = ${agency} AND x.scope_id = ANY(ARRAY(SELECT coach_user_id FROM coaches)) AND x.week = '${TIMELESS_WEEK}'`,
    ])
    .join('\n  UNION ALL\n  ');
  const text = `
WITH coaches AS MATERIALIZED (
  SELECT m.user_id AS coach_user_id, u.name AS coach_name
    FROM memberships m JOIN users u ON u.id = m.user_id
   WHERE m.agency_id = ${agency} AND m.role = 'COACH' ${onlyCoach}
), scopes AS MATERIALIZED (
  SELECT ${viewer} AS scope_id UNION SELECT coach_user_id FROM coaches
), facts AS MATERIALIZED (
  ${sources}
), period AS MATERIALIZED (
  SELECT scope_id, metric, key, sum(value)::int AS value
    FROM facts WHERE week = '${TIMELESS_WEEK}' OR (${inPeriod})
   GROUP BY scope_id, metric, key HAVING sum(value) <> 0
), steps AS (
  SELECT split_part(key, E'\\x1f', 1) AS step_key, split_part(key, E'\\x1f', 2) AS channel,
         COALESCE(sum(value) FILTER (WHERE metric = '${FACT.stepDone}'), 0)::int AS done,
         COALESCE(sum(value) FILTER (WHERE metric = '${FACT.stepAnswered}'), 0)::int AS answered
    FROM period WHERE scope_id = ${viewer} AND metric IN ('${FACT.stepDone}', '${FACT.stepAnswered}')
   GROUP BY key
)
SELECT
  (SELECT json_agg(json_build_object('coach_user_id', coach_user_id, 'coach_name', coach_name) ORDER BY coach_name, coach_user_id)
     FROM coaches) AS coaches,
  (SELECT json_agg(json_build_array(scope_id, metric, key, value)) FROM period) AS period,
  (SELECT json_agg(json_build_array(week, metric, key, value))
     FROM (SELECT week::text AS week, metric, key, sum(value)::int AS value FROM facts
            WHERE scope_id = ${viewer} AND week >= ${trendFrom} AND week < ${trendTo}
            GROUP BY week, metric, key HAVING sum(value) <> 0) t) AS trend,
  (SELECT json_agg(json_build_object('step_key', step_key, 'channel', channel, 'done', done, 'answered', answered)
                   ORDER BY step_key, channel)
     FROM steps WHERE done <> 0) AS by_step`;
  return { name: 'dashboard.aggregates', text, values: params.values };
}
