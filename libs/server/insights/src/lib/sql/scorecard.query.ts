import {
  ANSWERED_OUTCOMES,
  BEYOND_EMAIL_CHANNELS,
  BusinessCalendar,
  ReminderKinds,
} from '@followthrough/shared-domain';
import { sqlList } from '../insights-definitions';
import { BusinessDaySql } from './business-day-sql';
import { ignoredStepSql } from './ignored-reminder-sql';
import { Period, periodSql } from './period-sql';
import { SqlParams } from './sql-params';
import { SqlStatement } from './sql-statement';

export interface ScorecardQueryInput {
  agencyId: string;
  clientUserId: string;
  period: Period;
  now: Date;
  calendar: BusinessCalendar;
  /** The client reading their own scorecard counts every vent; coaches and admins only shared ones. */
  allVents: boolean;
}

export interface ScorecardSqlRow {
  client_name: string;
  by_stage: Record<string, number>;
  applied: number;
  covered: number;
  median_business_days: number | null;
  by_channel: Record<string, [number, number, number]>;
  overdue_steps: number;
  vents: { total: number; open: number; actioned: number; resolved: number };
  median_hours_to_action: number | null;
  actions: { total: number; open: number; done: number; dropped: number };
  reminders: { sent: number; ignored: number };
}

/** One client's scorecard in one statement: every figure is a scalar subquery over that client's rows. */
export function scorecardStatement(input: ScorecardQueryInput): SqlStatement {
  const params = new SqlParams();
  const agency = params.add(input.agencyId, 'uuid');
  const client = params.add(input.clientUserId, 'uuid');
  const now = params.add(input.now, 'timestamptz');
  const days = new BusinessDaySql(input.calendar, params);
  const inPeriod = (column: string) => periodSql(column, input.period, params);
  const allVents = params.add(input.allVents, 'boolean');
  const ignored = ignoredStepSql('st', input.now, input.calendar, days, params);

  const text = `
WITH apps AS MATERIALIZED (
  SELECT a.id, a.stage, a.applied_at, a.created_at
    FROM applications a
   WHERE a.agency_id = ${agency} AND a.client_user_id = ${client}
), touches AS MATERIALIZED (
  SELECT f.application_id, f.channel, f.outcome, f.occurred_at
    FROM follow_ups f
   WHERE f.agency_id = ${agency} AND f.client_user_id = ${client} AND f.direction = 'OUTBOUND' AND f.deleted_at IS NULL
), firsts AS MATERIALIZED (
  SELECT a.id, a.applied_at, min(t.occurred_at) AS first_touch_at
    FROM apps a
    LEFT JOIN touches t ON t.application_id = a.id AND t.occurred_at >= a.applied_at
   WHERE a.applied_at IS NOT NULL AND ${inPeriod('a.applied_at')}
   GROUP BY a.id, a.applied_at
), seen_vents AS MATERIALIZED (
  SELECT v.id, v.state, v.created_at
    FROM vents v
   WHERE v.agency_id = ${agency} AND v.client_user_id = ${client} AND (v.shared_with_coach OR ${allVents})
     AND ${inPeriod('v.created_at')}
)
SELECT
  (SELECT name FROM users WHERE id = ${client}) AS client_name,
  (SELECT COALESCE(json_object_agg(stage, n), '{}')
     FROM (SELECT stage, count(*)::int AS n FROM apps WHERE ${inPeriod('created_at')} GROUP BY stage) s) AS by_stage,
  (SELECT count(*)::int FROM firsts) AS applied,
  (SELECT count(first_touch_at)::int FROM firsts) AS covered,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days.between('applied_at', 'first_touch_at')})
     FROM firsts WHERE first_touch_at IS NOT NULL) AS median_business_days,
  (SELECT COALESCE(json_object_agg(channel, json_build_array(n, answered, beyond)), '{}')
     FROM (SELECT channel, count(*)::int AS n,
                  count(*) FILTER (WHERE outcome IN (${sqlList(ANSWERED_OUTCOMES)}))::int AS answered,
                  count(*) FILTER (WHERE channel IN (${sqlList(BEYOND_EMAIL_CHANNELS)}))::int AS beyond
             FROM touches WHERE ${inPeriod('occurred_at')} GROUP BY channel) c) AS by_channel,
  (SELECT count(*)::int FROM step_instances st
    WHERE st.agency_id = ${agency} AND st.client_user_id = ${client} AND st.status = 'PENDING' AND st.due_at < ${now}) AS overdue_steps,
  (SELECT json_build_object('total', count(*), 'open', count(*) FILTER (WHERE state = 'OPEN'),
                            'actioned', count(*) FILTER (WHERE state = 'ACTIONED'), 'resolved', count(*) FILTER (WHERE state = 'RESOLVED'))
     FROM seen_vents) AS vents,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_action.at - v.created_at) / 3600)
     FROM seen_vents v
     JOIN LATERAL (SELECT min(ac.created_at) AS at FROM actions ac WHERE ac.agency_id = ${agency} AND ac.vent_id = v.id) first_action
       ON first_action.at IS NOT NULL) AS median_hours_to_action,
  (SELECT json_build_object('total', count(*), 'open', count(*) FILTER (WHERE ac.status = 'OPEN'),
                            'done', count(*) FILTER (WHERE ac.status = 'DONE'), 'dropped', count(*) FILTER (WHERE ac.status = 'DROPPED'))
     FROM actions ac WHERE ac.agency_id = ${agency} AND ac.client_user_id = ${client} AND ${inPeriod('ac.created_at')}) AS actions,
  (SELECT json_build_object('sent', count(*), 'ignored', count(*) FILTER (WHERE ${ignored}))
     -- The step's id is taken out of the JSON first (OFFSET 0 keeps it a column): row-level security lets only
     -- leakproof conditions reach an index, and a join on the JSON expression itself would scan every step.
     FROM (SELECT r.agency_id, (r.refs ->> 'stepInstanceId')::uuid AS step_id
             FROM reminders r
            WHERE r.agency_id = ${agency} AND r.recipient_user_id = ${client} AND r.kind = '${ReminderKinds.STEP_DUE}' AND r.status = 'SENT'
              AND r.due_at <= ${now} AND ${inPeriod('r.due_at')}
           OFFSET 0) r
     LEFT JOIN step_instances st ON st.agency_id = r.agency_id AND st.id = r.step_id) AS reminders`;
  return { name: 'scorecard', text, values: params.values };
}
