import {
  addCalendarDays,
  BusinessCalendar,
  formatLocalDate,
  isBusinessDay,
  localDateTime,
  parseLocalDate,
  zonedInstant,
} from '@followthrough/shared-domain';
import { SqlParams } from './sql-params';

/** A Monday long before any data: business-day ordinals count from it. */
const EPOCH = `DATE '1900-01-01'`;

/**
 * Business-day arithmetic in SQL, exactly as `businessDaysBetween` does it in TypeScript: on the
 * agency calendar, by local date in the calendar's time zone.
 *
 * A date's ordinal is the number of business days from 1900-01-01 up to and including it:
 * whole weeks × working weekdays, plus the working weekdays of the partial week (a 7-entry prefix
 * table), minus the holidays that fall on a working weekday up to that date (`width_bucket` over the
 * sorted holidays is a binary search). The business days between two instants are the difference of
 * their local dates' ordinals: from (exclusive) to (inclusive), Friday → Monday = 1. Pure arithmetic,
 * no generated calendar table and no extra statement.
 */
export class BusinessDaySql {
  private readonly zone: string;
  private readonly weekLength: string;
  private readonly prefix: string;
  private readonly holidays: string;

  constructor(calendar: BusinessCalendar, params: SqlParams) {
    const weekdays = [...new Set(calendar.workingWeekdays)].filter(
      (day) => Number.isInteger(day) && day >= 1 && day <= 7,
    );
    const prefix = [1, 2, 3, 4, 5, 6, 7].map((isoDay) => weekdays.filter((day) => day <= isoDay).length);
    const holidays = [...new Set(calendar.holidays)]
      .filter((text) => isBusinessDayIgnoringHolidays(text, weekdays))
      .sort();
    this.zone = params.add(calendar.timezone, 'text');
    this.weekLength = params.add(weekdays.length, 'int');
    this.prefix = params.add(prefix, 'int[]');
    this.holidays = params.add(holidays, 'date[]');
  }

  /** The local calendar date of an instant (a timestamptz expression). */
  localDate(instant: string): string {
    return `((${instant}) AT TIME ZONE ${this.zone})::date`;
  }

  /** The business-day ordinal of a date expression. */
  ordinal(date: string): string {
    const days = `((${date}) - ${EPOCH})`;
    return `(${days} / 7 * ${this.weekLength} + (${this.prefix})[${days} % 7 + 1] - width_bucket((${date}), ${this.holidays}))`;
  }

  /** Business days from one instant to another (timestamptz expressions), as `businessDaysBetween`. */
  between(from: string, to: string): string {
    return `(${this.ordinal(this.localDate(to))} - ${this.ordinal(this.localDate(from))})`;
  }
}

function isBusinessDayIgnoringHolidays(text: string, weekdays: number[]): boolean {
  try {
    return isBusinessDay(parseLocalDate(text), { timezone: 'UTC', workingWeekdays: weekdays, holidays: [] });
  } catch {
    return false;
  }
}

/**
 * The instant T such that, for any earlier instant x, `x < T` exactly when at least `n` business days
 * have passed from x to `now` (`businessDaysBetween(x, now) >= n`): the start of the local day after the
 * latest date that is n business days back. Lets SQL compare a timestamp instead of computing per row.
 */
export function businessDaysAgoThreshold(now: Date, n: number, calendar: BusinessCalendar): Date {
  const today = localDateTime(now, calendar.timezone);
  const key = `${calendar.timezone}|${calendar.workingWeekdays.join()}|${calendar.holidays.join()}|${formatLocalDate(today)}|${n}`;
  const known = thresholds.get(key);
  if (known) return known;
  let day = { year: today.year, month: today.month, day: today.day };
  let passed = 0;
  for (let guard = 0; passed < n; guard += 1) {
    if (guard > 3660) throw new RangeError('The calendar has no business day within ten years');
    if (isBusinessDay(day, calendar)) passed += 1;
    day = addCalendarDays(day, -1);
  }
  const threshold = zonedInstant(addCalendarDays(day, 1), { hour: 0, minute: 0 }, calendar.timezone);
  if (thresholds.size >= 10_000) thresholds.clear();
  thresholds.set(key, threshold);
  return threshold;
}

// A threshold depends only on the calendar and today's local date: computed once a day per agency and rule.
const thresholds = new Map<string, Date>();

/** The local date of an instant on the calendar, as YYYY-MM-DD. */
export function localDateText(instant: Date, calendar: BusinessCalendar): string {
  return formatLocalDate(localDateTime(instant, calendar.timezone));
}
