import {
  addCalendarDays,
  ANSWERED_OUTCOMES,
  BEYOND_EMAIL_CHANNELS,
  BusinessCalendar,
  formatLocalDate,
  LocalDate,
  localDateTime,
  zonedInstant,
} from '@followthrough/shared-domain';
import { sqlList } from '../insights-definitions';
import { BusinessDaySql } from './business-day-sql';
import { Period, periodSql } from './period-sql';
import { SqlParams } from './sql-params';
import { SqlStatement } from './sql-statement';

export const TREND_WEEKS = 12;

/** Where the caller's dashboard reaches: every coach of the agency, or one coach's caseload. */
export interface DashboardScope {
  agencyId: string;
  /** Set for a coach: their own row, and agency-wide sections over their caseload only. */
  coachUserId: string | null;
}

export interface DashboardQueryInput extends DashboardScope {
  period: Period;
  now: Date;
  calendar: BusinessCalendar;
  weeks: TrendWeeks;
}

/** The last twelve weeks, Monday to Monday in the agency's zone: 13 boundaries, oldest first. */
export interface TrendWeeks {
  starts: string[];
  boundaries: Date[];
}

export function trendWeeks(now: Date, calendar: BusinessCalendar): TrendWeeks {
  const today = localDateTime(now, calendar.timezone);
  const monday: LocalDate = addCalendarDays(today, 1 - today.weekday);
  const first = addCalendarDays(monday, -7 * (TREND_WEEKS - 1));
  const days = Array.from({ length: TREND_WEEKS + 1 }, (_, week) => addCalendarDays(first, 7 * week));
  return {
    starts: days.slice(0, TREND_WEEKS).map(formatLocalDate),
    boundaries: days.map((day) => zonedInstant(day, { hour: 0, minute: 0 }, calendar.timezone)),
  };
}

export interface CoachSqlRow {
  coach_user_id: string;
  coach_name: string;
  clients: number;
  steps_due: number;
  steps_on_time: number;
  median_business_days: number | null;
  outbound_touches: number;
  beyond_email_touches: number;
  shared_vents: number;
  actioned_shared_vents: number;
}

export interface AgencySqlRow {
  by_channel: Record<string, [number, number]>;
  by_step: { step_key: string; channel: string; done: number; answered: number }[];
  funnel: Record<string, number>;
}

export interface TrendSqlRow {
  week: number;
  outbound_touches: number;
  beyond_email_touches: number;
  answered_touches: number;
  applications_applied: number;
  steps_due: number;
  steps_on_time: number;
}

const PROGRESS = ['SAVED', 'APPLIED', 'SCREENING', 'INTERVIEWING', 'OFFER', 'HIRED'];

/** The clients the dashboard's agency-wide sections cover, as a CTE body. */
function clientsCte(scope: DashboardScope, agency: string, params: SqlParams): string {
  const caseload = scope.coachUserId
    ? `AND m.user_id IN (SELECT ca.client_user_id FROM coach_assignments ca WHERE ca.agency_id = ${agency} AND ca.coach_user_id = ${params.add(scope.coachUserId, 'uuid')})`
    : '';
  return `SELECT m.user_id AS client_user_id FROM memberships m WHERE m.agency_id = ${agency} AND m.role = 'CLIENT' ${caseload}`;
}

/** A step done no later than the business day it fell due (weekends and holidays after it do not count against it). */
function onTimeSql(days: BusinessDaySql): string {
  return `st.status = 'DONE' AND st.completed_at IS NOT NULL AND ${days.between('st.due_at', 'st.completed_at')} <= 0`;
}

/** Per coach: caseload, compliance, time to first touch, beyond-e-mail share, vent-to-action conversion. */
export function coachStatement(input: DashboardQueryInput): SqlStatement {
  const params = new SqlParams();
  const agency = params.add(input.agencyId, 'uuid');
  const now = params.add(input.now, 'timestamptz');
  const days = new BusinessDaySql(input.calendar, params);
  const onlyCoach = input.coachUserId ? `AND m.user_id = ${params.add(input.coachUserId, 'uuid')}` : '';
  const text = `
WITH coaches AS MATERIALIZED (
  SELECT m.user_id AS coach_user_id, u.name AS coach_name
    FROM memberships m JOIN users u ON u.id = m.user_id
   WHERE m.agency_id = ${agency} AND m.role = 'COACH' ${onlyCoach}
), caseload AS MATERIALIZED (
  SELECT ca.coach_user_id, ca.client_user_id
    FROM coach_assignments ca
    JOIN coaches c ON c.coach_user_id = ca.coach_user_id
    JOIN memberships cm ON cm.agency_id = ca.agency_id AND cm.user_id = ca.client_user_id AND cm.role = 'CLIENT'
   WHERE ca.agency_id = ${agency}
), clients AS MATERIALIZED (
  SELECT DISTINCT client_user_id FROM caseload
), steps AS (
  SELECT st.client_user_id, count(*)::int AS due, count(*) FILTER (WHERE ${onTimeSql(days)})::int AS on_time
    FROM step_instances st
   WHERE st.agency_id = ${agency} AND ${periodSql('st.due_at', input.period, params)} AND st.due_at <= ${now}
     AND st.status NOT IN ('CANCELLED', 'SKIPPED') AND st.client_user_id IN (SELECT client_user_id FROM clients)
   GROUP BY st.client_user_id
), period_touches AS MATERIALIZED (
  -- Outbound touches from the period's start on (no end: an application sent in the period may be touched after it).
  SELECT f.client_user_id, f.application_id, f.channel, f.occurred_at
    FROM follow_ups f
   WHERE f.agency_id = ${agency} AND ${periodSql('f.occurred_at', { from: input.period.from, to: null }, params)} AND f.direction = 'OUTBOUND'
     AND f.deleted_at IS NULL AND f.client_user_id IN (SELECT client_user_id FROM clients)
), touches AS (
  SELECT t.client_user_id, count(*)::int AS outbound, count(*) FILTER (WHERE t.channel IN (${sqlList(BEYOND_EMAIL_CHANNELS)}))::int AS beyond
    FROM period_touches t
   WHERE ${periodSql('t.occurred_at', { from: null, to: input.period.to }, params)}
   GROUP BY t.client_user_id
), first_touch AS MATERIALIZED (
  SELECT a.client_user_id, ${days.between('a.applied_at', 'min(t.occurred_at)')} AS business_days
    FROM applications a
    JOIN period_touches t ON t.application_id = a.id AND t.occurred_at >= a.applied_at
   WHERE a.agency_id = ${agency} AND a.applied_at IS NOT NULL AND ${periodSql('a.applied_at', input.period, params)}
     AND a.client_user_id IN (SELECT client_user_id FROM clients)
   GROUP BY a.id, a.client_user_id, a.applied_at
), shared AS (
  SELECT v.client_user_id, count(*)::int AS shared, count(*) FILTER (WHERE v.state <> 'OPEN')::int AS actioned
    FROM vents v
   WHERE v.agency_id = ${agency} AND v.shared_with_coach AND ${periodSql('v.created_at', input.period, params)}
     AND v.client_user_id IN (SELECT client_user_id FROM clients)
   GROUP BY v.client_user_id
)
SELECT c.coach_user_id, c.coach_name,
       count(cl.client_user_id)::int AS clients,
       COALESCE(sum(s.due), 0)::int AS steps_due,
       COALESCE(sum(s.on_time), 0)::int AS steps_on_time,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ft.business_days)
          FROM first_touch ft JOIN caseload x ON x.client_user_id = ft.client_user_id
         WHERE x.coach_user_id = c.coach_user_id) AS median_business_days,
       COALESCE(sum(t.outbound), 0)::int AS outbound_touches,
       COALESCE(sum(t.beyond), 0)::int AS beyond_email_touches,
       COALESCE(sum(v.shared), 0)::int AS shared_vents,
       COALESCE(sum(v.actioned), 0)::int AS actioned_shared_vents
  FROM coaches c
  LEFT JOIN caseload cl ON cl.coach_user_id = c.coach_user_id
  LEFT JOIN steps s ON s.client_user_id = cl.client_user_id
  LEFT JOIN touches t ON t.client_user_id = cl.client_user_id
  LEFT JOIN shared v ON v.client_user_id = cl.client_user_id
 GROUP BY c.coach_user_id, c.coach_name
 ORDER BY c.coach_name, c.coach_user_id`;
  return { name: 'dashboard.coaches', text, values: params.values };
}

/** Agency-wide (or caseload-wide): response rate by channel and by playbook step, and the funnel. */
export function agencyStatement(input: DashboardQueryInput): SqlStatement {
  const params = new SqlParams();
  const agency = params.add(input.agencyId, 'uuid');
  const now = params.add(input.now, 'timestamptz');
  const clients = clientsCte(input, agency, params);
  const progress = `ARRAY[${sqlList(PROGRESS)}]::text[]`;
  const text = `
WITH clients AS MATERIALIZED (${clients}),
channels AS (
  SELECT f.channel, count(*)::int AS n, count(*) FILTER (WHERE f.outcome IN (${sqlList(ANSWERED_OUTCOMES)}))::int AS answered
    FROM follow_ups f
   WHERE f.agency_id = ${agency} AND ${periodSql('f.occurred_at', input.period, params)} AND f.direction = 'OUTBOUND'
     AND f.deleted_at IS NULL AND f.client_user_id IN (SELECT client_user_id FROM clients)
   GROUP BY f.channel
), steps AS (
  SELECT st.step_key, st.channel, count(*)::int AS done,
         count(*) FILTER (WHERE f.outcome IN (${sqlList(ANSWERED_OUTCOMES)}))::int AS answered
    FROM step_instances st
    JOIN follow_ups f ON f.id = st.follow_up_id AND f.agency_id = st.agency_id AND f.deleted_at IS NULL
   WHERE st.agency_id = ${agency} AND ${periodSql('st.due_at', input.period, params)} AND st.due_at <= ${now}
     AND st.status = 'DONE' AND st.client_user_id IN (SELECT client_user_id FROM clients)
   GROUP BY st.step_key, st.channel
), created AS (
  SELECT a.id, a.stage
    FROM applications a
   WHERE a.agency_id = ${agency} AND ${periodSql('a.created_at', input.period, params)}
     AND a.client_user_id IN (SELECT client_user_id FROM clients)
), reached AS MATERIALIZED (
  -- Evaluated once per application (the history lookup only for rejected and withdrawn ones).
  SELECT c.stage,
         COALESCE(array_position(${progress}, c.stage::text),
                  (SELECT max(array_position(${progress}, h.to_stage::text))
                     FROM application_stage_changes h WHERE h.agency_id = ${agency} AND h.application_id = c.id),
                  1) AS furthest
    FROM created c
)
SELECT
  (SELECT COALESCE(json_object_agg(channel, json_build_array(n, answered)), '{}') FROM channels) AS by_channel,
  (SELECT COALESCE(json_agg(json_build_object('step_key', step_key, 'channel', channel, 'done', done, 'answered', answered)
                            ORDER BY step_key, channel), '[]') FROM steps) AS by_step,
  (SELECT json_build_object(${PROGRESS.map((stage, i) => `'${stage}', count(*) FILTER (WHERE furthest >= ${i + 1})`).join(', ')},
                            'REJECTED', count(*) FILTER (WHERE stage = 'REJECTED'), 'WITHDRAWN', count(*) FILTER (WHERE stage = 'WITHDRAWN'))
     FROM reached) AS funnel`;
  return { name: 'dashboard.agency', text, values: params.values };
}

/** The last twelve weeks: outbound touches, beyond e-mail, answers, applications sent, steps due and done on time. */
export function trendStatement(input: DashboardQueryInput): SqlStatement {
  const params = new SqlParams();
  const agency = params.add(input.agencyId, 'uuid');
  const now = params.add(input.now, 'timestamptz');
  const days = new BusinessDaySql(input.calendar, params);
  const clients = clientsCte(input, agency, params);
  const bounds = params.add(input.weeks.boundaries, 'timestamptz[]');
  const start = params.add(input.weeks.boundaries[0], 'timestamptz');
  const end = params.add(input.weeks.boundaries[TREND_WEEKS], 'timestamptz');
  const text = `
WITH clients AS MATERIALIZED (${clients}),
touches AS (
  SELECT width_bucket(f.occurred_at, ${bounds}) AS week, count(*)::int AS n,
         count(*) FILTER (WHERE f.channel IN (${sqlList(BEYOND_EMAIL_CHANNELS)}))::int AS beyond,
         count(*) FILTER (WHERE f.outcome IN (${sqlList(ANSWERED_OUTCOMES)}))::int AS answered
    FROM follow_ups f
   WHERE f.agency_id = ${agency} AND f.occurred_at >= ${start} AND f.occurred_at < ${end} AND f.direction = 'OUTBOUND'
     AND f.deleted_at IS NULL AND f.client_user_id IN (SELECT client_user_id FROM clients)
   GROUP BY 1
), applied AS (
  SELECT width_bucket(a.applied_at, ${bounds}) AS week, count(*)::int AS n
    FROM applications a
   WHERE a.agency_id = ${agency} AND a.applied_at >= ${start} AND a.applied_at < ${end}
     AND a.client_user_id IN (SELECT client_user_id FROM clients)
   GROUP BY 1
), steps AS (
  SELECT width_bucket(st.due_at, ${bounds}) AS week, count(*)::int AS due, count(*) FILTER (WHERE ${onTimeSql(days)})::int AS on_time
    FROM step_instances st
   WHERE st.agency_id = ${agency} AND st.due_at >= ${start} AND st.due_at < ${end} AND st.due_at <= ${now}
     AND st.status NOT IN ('CANCELLED', 'SKIPPED') AND st.client_user_id IN (SELECT client_user_id FROM clients)
   GROUP BY 1
)
SELECT w.week,
       COALESCE(t.n, 0) AS outbound_touches, COALESCE(t.beyond, 0) AS beyond_email_touches, COALESCE(t.answered, 0) AS answered_touches,
       COALESCE(a.n, 0) AS applications_applied, COALESCE(s.due, 0) AS steps_due, COALESCE(s.on_time, 0) AS steps_on_time
  FROM generate_series(1, ${TREND_WEEKS}) AS w(week)
  LEFT JOIN touches t ON t.week = w.week
  LEFT JOIN applied a ON a.week = w.week
  LEFT JOIN steps s ON s.week = w.week
 ORDER BY w.week`;
  return { name: 'dashboard.trend', text, values: params.values };
}
