import { BusinessCalendar, businessDaysBetween, earliestSendTime } from '@followthrough/shared-domain';
import type { ReminderTiming } from '../entities';

/** A business-hours reminder later than this many business days goes into the digest instead. */
export const LATE_FOR_DIGEST_AFTER_BUSINESS_DAYS = 1;

export type SendDecision =
  | { action: 'send' }
  /** Not now (quiet hours, weekend, holiday): the next allowed moment. */
  | { action: 'defer'; until: Date }
  /** Too late to interrupt someone with it on its own: it joins their next daily digest. */
  | { action: 'digest'; lateBusinessDays: number };

export interface SendWindowInput {
  timing: ReminderTiming;
  dueAt: Date;
  now: Date;
  calendar: BusinessCalendar;
  /** The recipient's own zone. */
  timeZone: string;
  /** False for a message that is itself a digest. */
  mayJoinDigest: boolean;
}

/**
 * Decided again at the moment of sending, since a backlog, an outage or retries can carry a
 * reminder that was due in working hours into the night, a weekend or a holiday.
 */
export function decideSendWindow(input: SendWindowInput): SendDecision {
  if (input.timing === 'exact') return { action: 'send' };
  const lateBusinessDays = businessDaysBetween(input.dueAt, input.now, input.calendar, input.timeZone);
  if (input.mayJoinDigest && lateBusinessDays > LATE_FOR_DIGEST_AFTER_BUSINESS_DAYS)
    return { action: 'digest', lateBusinessDays };
  const allowed = earliestSendTime(input.now, input.calendar, { timeZone: input.timeZone });
  return allowed.getTime() > input.now.getTime() ? { action: 'defer', until: allowed } : { action: 'send' };
}
