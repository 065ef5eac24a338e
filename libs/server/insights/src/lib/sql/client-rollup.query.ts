import { sql, SqlFragment } from '@followthrough/server-core';
import { addCalendarDays, BusinessCalendar, localDateTime, zonedInstant } from '@followthrough/shared-domain';
import { ATTENTION_RULES } from '../radar/attention-score';
import { RadarPosition } from '../radar/radar-cursor';
import { factRefreshCtes } from './coach-weeks.query';
import { radarStatement } from './radar.query';
import { SqlParams } from './sql-params';
import { SqlStatement } from './sql-statement';

/**
 * The insights read model: one row per client in `insights_client_rollups` (migrations/1795895200000-InsightsClientRollups.ts)
 * with the five attention facts, the score and the headline counts, as of `computed_at`, valid until `refresh_at`.
 */
export interface ClientRollupSqlRow {
  client_user_id: string;
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

const COLUMNS = [
  'score',
  'open_applications',
  'overdue_steps',
  'silent_applications',
  'unactioned_vents',
  'ignored_reminders',
  'last_touch_at',
  'business_days_since_last_touch',
  'applied_applications',
  'covered_applications',
  'outbound_touches',
  'beyond_email_touches',
] as const;

/** The start of the next local day in the agency's zone: when business-day counts move on. */
export function nextLocalMidnight(now: Date, calendar: BusinessCalendar): Date {
  const today = localDateTime(now, calendar.timezone);
  return zonedInstant(
    addCalendarDays({ year: today.year, month: today.month, day: today.day }, 1),
    { hour: 0, minute: 0 },
    calendar.timezone,
  );
}

export interface RollupRefreshInput {
  agencyId: string;
  clientUserIds: string[];
  now: Date;
  calendar: BusinessCalendar;
  /**
   * A writer's refresh: its statement's snapshot may miss another writer of the same client that committed
   * after it began (both upsert the same row). Such a row, rewritten within the last seconds, is handed to the
   * worker's next pass to be derived again. The worker locks its rows before computing, so it never races.
   */
  writer: boolean;
}

/**
 * Recomputes these clients' rows with the radar's ranking statement (the same facts and score) and upserts
 * them, with the clients' dashboard facts and the deltas they make to the coach-week aggregates
 * (coach-weeks.query.ts). `refresh_at` is the next moment one of the row's facts changes by time alone: the
 * agency's next local midnight (business-day counts), the next step's due time (overdue, and due on the
 * dashboard), and the moment the oldest step of the ignored-reminder window leaves it.
 */
export function rollupRefreshStatement(input: RollupRefreshInput): SqlStatement {
  const ranking = radarStatement({
    agencyId: input.agencyId,
    scope: sql`m.user_id = ANY(${input.clientUserIds}::uuid[])`,
    coachUserId: null,
    now: input.now,
    calendar: input.calendar,
    after: null,
    limit: null,
  });
  const params = new SqlParams();
  params.addAll(ranking.values);
  const agency = params.add(input.agencyId, 'uuid');
  const now = params.add(input.now, 'timestamptz');
  const midnight = params.add(nextLocalMidnight(input.now, input.calendar), 'timestamptz');
  const windowDays = ATTENTION_RULES.ignoredReminder.windowDays;
  const windowStart = params.add(new Date(input.now.getTime() - windowDays * 86_400_000), 'timestamptz');
  const refreshAt = input.writer
    ? `CASE WHEN insights_client_rollups.computed_at > statement_timestamp() - interval '5 seconds'
            THEN LEAST(EXCLUDED.refresh_at, clock_timestamp()) ELSE EXCLUDED.refresh_at END`
    : 'EXCLUDED.refresh_at';
  const clients = params.add(input.clientUserIds, 'uuid[]');
  const facts = factRefreshCtes({ agency, clients, now }, input.calendar, params);
  // The next step to fall due (whatever its state but cancelled or skipped): it turns overdue, and counts as due on the dashboard.
  const text = `
WITH ${facts}
INSERT INTO insights_client_rollups (agency_id, client_user_id, ${COLUMNS.join(', ')}, week_facts, fact_scopes, computed_at, refresh_at)
SELECT ${agency}, x.client_user_id, ${COLUMNS.map((column) => `x.${column}`).join(', ')},
       COALESCE(j.week_facts, '[]'), COALESCE(n.scope_ids, '{}'),
       clock_timestamp(),
       LEAST(${midnight},
             (SELECT min(st.due_at) FROM step_instances st
               WHERE st.agency_id = ${agency} AND st.client_user_id = x.client_user_id
                 AND st.status NOT IN ('CANCELLED', 'SKIPPED') AND st.due_at > ${now}),
             (SELECT min(st.due_at) + interval '${windowDays} days' FROM step_instances st
               WHERE st.agency_id = ${agency} AND st.client_user_id = x.client_user_id AND st.due_at >= ${windowStart} AND st.due_at <= ${now}))
  FROM (${ranking.text}) x
  LEFT JOIN new_json j ON j.client_user_id = x.client_user_id
  LEFT JOIN new_scope_ids n ON n.client_user_id = x.client_user_id
  -- Reads (and locks) the stored facts before any row is upserted: a data-modifying CTE left to run after the
  -- upsert would find the rows already rewritten by this very statement, and skip them.
 CROSS JOIN (SELECT count(*) FROM old_facts) AS stored_facts_read_first
ON CONFLICT (agency_id, client_user_id) DO UPDATE
   SET ${COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')},
       week_facts = EXCLUDED.week_facts,
       fact_scopes = EXCLUDED.fact_scopes,
       computed_at = EXCLUDED.computed_at,
       refresh_at = ${refreshAt}`;
  return { name: 'client rollup refresh', text, values: params.values };
}

/** The worker's pass: rows due for their time-dependent facts, locked (others skip them), oldest first. */
export function dueRollupsStatement(now: Date, limit: number): SqlStatement {
  return {
    name: 'client rollups due',
    text: `SELECT agency_id, client_user_id FROM insights_client_rollups
            WHERE refresh_at <= $1::timestamptz
            ORDER BY refresh_at
            LIMIT $2::int
              FOR UPDATE SKIP LOCKED`,
    values: [now, limit],
  };
}

/** One batch of an agency's clients, by id, for a rebuild. */
export function agencyClientsStatement(agencyId: string, after: string | null, limit: number): SqlStatement {
  return {
    name: 'rollup rebuild clients',
    text: `SELECT m.user_id FROM memberships m
            WHERE m.agency_id = $1::uuid AND m.role = 'CLIENT' AND ($2::uuid IS NULL OR m.user_id > $2::uuid)
            ORDER BY m.user_id LIMIT $3::int`,
    values: [agencyId, after, limit],
  };
}

export interface RadarPageInput {
  agencyId: string;
  /** The caller's client scope on the given column (ClientAccessPolicy.clientScope). */
  clientScope: (column: string) => SqlFragment;
  coachUserId: string | null;
  after: RadarPosition | null;
  limit: number | null;
}

/**
 * One radar page from the rollups, in one statement: the caller's current clients (a coach's caseload, or
 * the agency's clients) joined to their rows, ordered by (score desc, client id) and cut by keyset; a client
 * without a row yet (nothing written since they joined) ranks with score 0 and empty figures. Names are read
 * for the page's rows only.
 */
export function radarPageStatement(input: RadarPageInput): SqlStatement {
  const params = new SqlParams();
  const agency = params.add(input.agencyId, 'uuid');
  const scope = params.addFragment(input.clientScope('m.user_id'));
  const coachFilter = input.coachUserId
    ? `AND m.user_id IN (SELECT ca.client_user_id FROM coach_assignments ca WHERE ca.agency_id = ${agency} AND ca.coach_user_id = ${params.add(input.coachUserId, 'uuid')})`
    : '';
  let keyset = '';
  if (input.after) {
    const score = params.add(input.after.score, 'int');
    const id = params.add(input.after.clientUserId, 'uuid');
    keyset = `AND (COALESCE(r.score, 0) < ${score} OR (COALESCE(r.score, 0) = ${score} AND m.user_id > ${id}))`;
  }
  const limit = input.limit === null ? '' : `LIMIT ${params.add(input.limit, 'int')}`;
  const text = `
WITH page AS (
  SELECT m.user_id AS client_user_id, COALESCE(r.score, 0) AS score,
         COALESCE(r.open_applications, 0) AS open_applications, COALESCE(r.overdue_steps, 0) AS overdue_steps,
         COALESCE(r.silent_applications, 0) AS silent_applications, COALESCE(r.unactioned_vents, 0) AS unactioned_vents,
         COALESCE(r.ignored_reminders, 0) AS ignored_reminders, r.last_touch_at, r.business_days_since_last_touch,
         COALESCE(r.applied_applications, 0) AS applied_applications, COALESCE(r.covered_applications, 0) AS covered_applications,
         COALESCE(r.outbound_touches, 0) AS outbound_touches, COALESCE(r.beyond_email_touches, 0) AS beyond_email_touches
    FROM memberships m
    LEFT JOIN insights_client_rollups r ON r.agency_id = m.agency_id AND r.client_user_id = m.user_id
   WHERE m.agency_id = ${agency} AND m.role = 'CLIENT' AND ${scope} ${coachFilter} ${keyset}
   ORDER BY COALESCE(r.score, 0) DESC, m.user_id
   ${limit}
)
SELECT p.*, u.name AS client_name
  FROM page p JOIN users u ON u.id = p.client_user_id
 ORDER BY p.score DESC, p.client_user_id`;
  return { name: 'radar page', text, values: params.values };
}
