import { ANSWERED_OUTCOMES, BEYOND_EMAIL_CHANNELS, BusinessCalendar } from '@followthrough/shared-domain';
import { sqlList } from '../insights-definitions';
import { BusinessDaySql } from './business-day-sql';
import { SqlParams } from './sql-params';
import { SqlStatement } from './sql-statement';

export interface PipelineExportSqlRow {
  application_id: string;
  company: string;
  title: string;
  stage: string;
  created_at: Date;
  applied_at: Date | null;
  last_touch_at: Date | null;
  touches: number;
  outbound_touches: number;
  beyond_email_touches: number;
  answered_touches: number;
  first_touch_at: Date | null;
  business_days_to_first_touch: number | null;
  overdue_steps: number;
  next_step_due_at: Date | null;
}

/** One row per application of the client, oldest first, with its follow-up figures. */
export function pipelineExportStatement(
  agencyId: string,
  clientUserId: string,
  now: Date,
  calendar: BusinessCalendar,
): SqlStatement {
  const params = new SqlParams();
  const agency = params.add(agencyId, 'uuid');
  const client = params.add(clientUserId, 'uuid');
  const at = params.add(now, 'timestamptz');
  const days = new BusinessDaySql(calendar, params);
  const text = `
SELECT a.id AS application_id, co.name AS company, a.title, a.stage, a.created_at, a.applied_at, a.last_touch_at,
       t.touches, t.outbound_touches, t.beyond_email_touches, t.answered_touches, t.first_touch_at,
       CASE WHEN t.first_touch_at IS NULL THEN NULL ELSE ${days.between('a.applied_at', 't.first_touch_at')} END AS business_days_to_first_touch,
       s.overdue_steps, s.next_step_due_at
  FROM applications a
  JOIN companies co ON co.agency_id = a.agency_id AND co.id = a.company_id
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS touches,
           count(*) FILTER (WHERE f.direction = 'OUTBOUND')::int AS outbound_touches,
           count(*) FILTER (WHERE f.direction = 'OUTBOUND' AND f.channel IN (${sqlList(BEYOND_EMAIL_CHANNELS)}))::int AS beyond_email_touches,
           count(*) FILTER (WHERE f.direction = 'OUTBOUND' AND f.outcome IN (${sqlList(ANSWERED_OUTCOMES)}))::int AS answered_touches,
           min(f.occurred_at) FILTER (WHERE f.direction = 'OUTBOUND' AND f.occurred_at >= a.applied_at) AS first_touch_at
      FROM follow_ups f
     WHERE f.agency_id = a.agency_id AND f.application_id = a.id AND f.deleted_at IS NULL
  ) t
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE st.due_at < ${at})::int AS overdue_steps,
           min(st.due_at) FILTER (WHERE st.due_at >= ${at}) AS next_step_due_at
      FROM step_instances st
     WHERE st.agency_id = a.agency_id AND st.application_id = a.id AND st.status = 'PENDING'
  ) s
 WHERE a.agency_id = ${agency} AND a.client_user_id = ${client}
 ORDER BY a.created_at, a.id`;
  return { name: 'export.pipeline', text, values: params.values };
}
