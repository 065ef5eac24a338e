import type { SqlFragment } from '@followthrough/server-core';
import { BEYOND_EMAIL_CHANNELS, BusinessCalendar, ReminderKinds } from '@followthrough/shared-domain';
import { ATTENTION_RULES, OPEN_STAGES } from '../radar/attention-score';
import { RadarPosition } from '../radar/radar-cursor';
import { sqlList } from '../insights-definitions';
import { BusinessDaySql, businessDaysAgoThreshold } from './business-day-sql';
import { ignoredStepSql } from './ignored-reminder-sql';
import { SqlParams } from './sql-params';
import { SqlStatement } from './sql-statement';

export interface RadarQueryInput {
  agencyId: string;
  /** The caller's client scope on `m.user_id` (ClientAccessPolicy.clientScope). */
  scope: SqlFragment;
  coachUserId: string | null;
  now: Date;
  calendar: BusinessCalendar;
  after: RadarPosition | null;
  /** Rows to return (the page size plus one to know whether another page follows); null for all. */
  limit: number | null;
}

export interface RadarSqlRow {
  client_user_id: string;
  client_name: string;
  score: number;
  open_applications: number;
  overdue_steps: number;
  silent_applications: number;
  unactioned_vents: number;
  ignored_reminders: number;
  last_touch_at: Date | null;
  silent_since: Date | null;
  business_days_since_last_touch: number | null;
  applied_applications: number;
  covered_applications: number;
  outbound_touches: number;
  beyond_email_touches: number;
}

/**
 * The radar in one statement. Every client in scope gets the five facts of the attention score, each
 * from one covering or partial index (open applications, pending steps, unactioned shared vents, sent
 * step reminders); business-day rules become timestamp thresholds computed beforehand, so ranking a
 * caseload compares timestamps only. The score is computed in SQL, the page is cut by keyset on
 * (score desc, client id), and only the page's rows get the headline figures (coverage, beyond-e-mail
 * share) through LATERAL subqueries.
 */
export function radarStatement(input: RadarQueryInput): SqlStatement {
  const params = new SqlParams();
  const agency = params.add(input.agencyId, 'uuid');
  const now = params.add(input.now, 'timestamptz');
  const scope = params.addFragment(input.scope);
  const coachFilter = input.coachUserId
    ? `AND m.user_id IN (SELECT ca.client_user_id FROM coach_assignments ca WHERE ca.agency_id = ${agency} AND ca.coach_user_id = ${params.add(input.coachUserId, 'uuid')})`
    : '';

  const rules = ATTENTION_RULES;
  const silentBefore = params.add(
    businessDaysAgoThreshold(input.now, rules.silentApplication.afterBusinessDays, input.calendar),
    'timestamptz',
  );
  // Thresholds for grace+1 … grace+maxPoints business days of silence, oldest first: the points are how many of them lie after the last touch.
  const { graceBusinessDays, maxPoints } = rules.noRecentTouch;
  const touchThresholds = Array.from({ length: maxPoints }, (_, i) =>
    businessDaysAgoThreshold(input.now, graceBusinessDays + maxPoints - i, input.calendar),
  );
  const thresholds = params.add(touchThresholds, 'timestamptz[]');
  const reminderWindow = params.add(
    new Date(input.now.getTime() - rules.ignoredReminder.windowDays * 86_400_000),
    'timestamptz',
  );
  const days = new BusinessDaySql(input.calendar, params);
  const ignored = ignoredStepSql('st', input.now, input.calendar, days, params);

  let keyset = 'TRUE';
  if (input.after) {
    const score = params.add(input.after.score, 'int');
    const id = params.add(input.after.clientUserId, 'uuid');
    keyset = `(sc.score < ${score} OR (sc.score = ${score} AND sc.client_user_id > ${id}))`;
  }
  const limit = input.limit === null ? '' : `LIMIT ${params.add(input.limit, 'int')}`;

  const text = `
WITH scope AS MATERIALIZED (
  SELECT m.user_id AS client_user_id
    FROM memberships m
   WHERE m.agency_id = ${agency} AND m.role = 'CLIENT' AND ${scope} ${coachFilter}
), open_apps AS (
  SELECT a.client_user_id,
         count(*)::int AS open_applications,
         max(a.last_touch_at) AS last_touch_at,
         COALESCE(max(a.last_touch_at), min(COALESCE(a.applied_at, a.created_at))) AS silent_since,
         count(*) FILTER (WHERE COALESCE(a.last_touch_at, a.applied_at, a.created_at) < ${silentBefore})::int AS silent_applications
    FROM scope s
    JOIN applications a ON a.agency_id = ${agency} AND a.client_user_id = s.client_user_id AND a.stage IN (${sqlList(OPEN_STAGES)})
   GROUP BY a.client_user_id
), overdue AS (
  SELECT st.client_user_id, count(*)::int AS overdue_steps
    FROM scope s
    JOIN step_instances st ON st.agency_id = ${agency} AND st.client_user_id = s.client_user_id
   WHERE st.status = 'PENDING' AND st.due_at < ${now}
   GROUP BY st.client_user_id
), unactioned AS (
  SELECT v.client_user_id, count(*)::int AS unactioned_vents
    FROM scope s
    JOIN vents v ON v.agency_id = ${agency} AND v.client_user_id = s.client_user_id
   WHERE v.shared_with_coach AND v.state = 'OPEN'
   GROUP BY v.client_user_id
), sent AS MATERIALIZED (
  -- The step-due reminders sent to these clients in the window (index-only, per client), to match by step id.
  SELECT r.refs ->> 'stepInstanceId' AS step_id
    FROM scope s
    JOIN reminders r ON r.agency_id = ${agency} AND r.recipient_user_id = s.client_user_id
                    AND r.kind = '${ReminderKinds.STEP_DUE}' AND r.status = 'SENT' AND r.due_at >= ${reminderWindow}
), ignored AS (
  SELECT st.client_user_id, count(*)::int AS ignored_reminders
    FROM scope s
    JOIN step_instances st ON st.agency_id = ${agency} AND st.client_user_id = s.client_user_id
                          AND st.due_at >= ${reminderWindow} AND st.due_at <= ${now}
   WHERE ${ignored}
     AND st.id::text IN (SELECT step_id FROM sent)
   GROUP BY st.client_user_id
), facts AS (
  SELECT s.client_user_id,
         COALESCE(o.open_applications, 0) AS open_applications,
         COALESCE(d.overdue_steps, 0) AS overdue_steps,
         COALESCE(o.silent_applications, 0) AS silent_applications,
         COALESCE(u.unactioned_vents, 0) AS unactioned_vents,
         COALESCE(i.ignored_reminders, 0) AS ignored_reminders,
         o.last_touch_at, o.silent_since
    FROM scope s
    LEFT JOIN open_apps o ON o.client_user_id = s.client_user_id
    LEFT JOIN overdue d ON d.client_user_id = s.client_user_id
    LEFT JOIN unactioned u ON u.client_user_id = s.client_user_id
    LEFT JOIN ignored i ON i.client_user_id = s.client_user_id
), scored AS (
  SELECT f.*,
         (${rules.overdueStep.points} * LEAST(f.overdue_steps, ${rules.overdueStep.maxCount})
          + CASE WHEN f.silent_since IS NULL THEN 0 ELSE ${maxPoints} - width_bucket(f.silent_since, ${thresholds}) END
          + ${rules.silentApplication.points} * LEAST(f.silent_applications, ${rules.silentApplication.maxCount})
          + ${rules.unactionedVent.points} * LEAST(f.unactioned_vents, ${rules.unactionedVent.maxCount})
          + ${rules.ignoredReminder.points} * LEAST(f.ignored_reminders, ${rules.ignoredReminder.maxCount}))::int AS score
    FROM facts f
), page AS (
  SELECT sc.* FROM scored sc
   WHERE ${keyset}
   ORDER BY sc.score DESC, sc.client_user_id
   ${limit}
)
SELECT p.*, u.name AS client_name,
       CASE WHEN p.silent_since IS NULL THEN NULL ELSE GREATEST(0, ${days.between('p.silent_since', now)}) END AS business_days_since_last_touch,
       cov.applied_applications, tou.covered_applications, tou.outbound_touches, tou.beyond_email_touches
  FROM page p
  JOIN users u ON u.id = p.client_user_id
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS applied_applications
      FROM applications a
     WHERE a.agency_id = ${agency} AND a.client_user_id = p.client_user_id AND a.applied_at IS NOT NULL
  ) cov
  CROSS JOIN LATERAL (
    -- One pass over the client's outbound touches, each with its application's sending time.
    SELECT count(*)::int AS outbound_touches,
           count(*) FILTER (WHERE f.channel IN (${sqlList(BEYOND_EMAIL_CHANNELS)}))::int AS beyond_email_touches,
           count(DISTINCT f.application_id) FILTER (WHERE f.occurred_at >= a.applied_at)::int AS covered_applications
      FROM follow_ups f
      LEFT JOIN applications a ON a.agency_id = ${agency} AND a.client_user_id = p.client_user_id AND a.id = f.application_id
     WHERE f.agency_id = ${agency} AND f.client_user_id = p.client_user_id AND f.direction = 'OUTBOUND' AND f.deleted_at IS NULL
  ) tou
 ORDER BY p.score DESC, p.client_user_id`;
  return { name: 'radar', text, values: params.values };
}
