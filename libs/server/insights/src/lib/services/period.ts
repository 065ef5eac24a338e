import { badInput } from '@followthrough/server-core';
import { InsightsPeriodInput } from '../dto/insights.inputs';
import { Period } from '../sql/period-sql';

/** The requested window, or the default; `from` must come before `to`. */
export function resolvePeriod(input: InsightsPeriodInput | null | undefined, fallback: Period): Period {
  if (!input || (!input.from && !input.to)) return fallback;
  const period = { from: input.from ?? null, to: input.to ?? null };
  if (period.from && period.to && period.from.getTime() >= period.to.getTime())
    throw badInput('period.to', 'must be after period.from');
  return period;
}
