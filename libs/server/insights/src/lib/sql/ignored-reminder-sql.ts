import { BusinessCalendar } from '@followthrough/shared-domain';
import { IGNORED_AFTER_BUSINESS_DAYS } from '../insights-definitions';
import { BusinessDaySql, businessDaysAgoThreshold } from './business-day-sql';
import { SqlParams } from './sql-params';

/**
 * Whether the step `step` (a step_instances alias) left its due reminder ignored: still pending
 * although IGNORED_AFTER_BUSINESS_DAYS business days have passed since it fell due, or done only
 * after that many business days. Skipped and cancelled steps never count: the plan changed.
 */
export function ignoredStepSql(
  step: string,
  now: Date,
  calendar: BusinessCalendar,
  days: BusinessDaySql,
  params: SqlParams,
): string {
  const pendingBefore = params.add(businessDaysAgoThreshold(now, IGNORED_AFTER_BUSINESS_DAYS, calendar), 'timestamptz');
  return `((${step}.status = 'PENDING' AND ${step}.due_at < ${pendingBefore})
        OR (${step}.status = 'DONE' AND ${step}.completed_at IS NOT NULL
            -- Two local dates apart takes more than 22 hours whatever the DST change: a cheap test first.
            AND ${step}.completed_at - ${step}.due_at > interval '22 hours'
            AND ${days.between(`${step}.due_at`, `${step}.completed_at`)} >= ${IGNORED_AFTER_BUSINESS_DAYS}))`;
}
