// Business-day arithmetic on an agency calendar, in any IANA time zone, with Intl only.
// Instants are Dates; "local" values are wall-clock readings in a named time zone.

/** Which days an agency works: ISO weekdays (1 = Monday … 7 = Sunday) and holiday dates (YYYY-MM-DD). */
export interface BusinessCalendar {
  /** The agency's IANA time zone; the default for people who have none of their own. */
  timezone: string;
  workingWeekdays: readonly number[];
  holidays: readonly string[];
}

/** A wall-clock time of day. */
export interface LocalTime {
  hour: number;
  minute: number;
}

/** No mail between `start` and `end` (local, may wrap midnight). */
export interface QuietHours {
  start: LocalTime;
  end: LocalTime;
}

export const BUSINESS_MORNING: LocalTime = { hour: 9, minute: 0 };
export const DEFAULT_QUIET_HOURS: QuietHours = { start: { hour: 20, minute: 0 }, end: { hour: 8, minute: 0 } };

/** A calendar date (no time zone), month 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate, LocalTime {
  second: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function isoWeekday(date: LocalDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The wall-clock reading of an instant in a time zone. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const date = { year: values['year'], month: values['month'], day: values['day'] };
  return {
    ...date,
    hour: values['hour'],
    minute: values['minute'],
    second: values['second'],
    weekday: isoWeekday(date),
  };
}

/** Milliseconds the zone is ahead of UTC at this instant. */
function offsetAt(epochMs: number, timeZone: string): number {
  const local = localDateTime(new Date(epochMs), timeZone);
  const wallAsUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which clocks in `timeZone` read this date and time. A time skipped by a
 * spring-forward change moves forward by the gap (02:30 → 03:30); a time that occurs twice in
 * the autumn resolves to its first occurrence.
 */
export function zonedInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const offsets = [offsetAt(wall - DAY_MS, timeZone), offsetAt(wall + DAY_MS, timeZone)];
  const matching = offsets
    .map((offset) => wall - offset)
    .filter((candidate) => {
      const local = localDateTime(new Date(candidate), timeZone);
      return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) === wall;
    });
  if (matching.length > 0) return new Date(Math.min(...matching));
  // In a gap: read the wall time with the offset in force before the change.
  return new Date(wall - offsets[0]);
}

export function formatLocalDate(date: LocalDate): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

export function parseLocalDate(text: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: "${text}"`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

function compareDates(a: LocalDate, b: LocalDate): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

function minutesOf(time: LocalTime): number {
  return time.hour * 60 + time.minute;
}

/** True when the agency works on this date (a working weekday that is not a holiday). */
export function isBusinessDay(date: LocalDate, calendar: BusinessCalendar): boolean {
  return calendar.workingWeekdays.includes(isoWeekday(date)) && !calendar.holidays.includes(formatLocalDate(date));
}

function assertWorks(calendar: BusinessCalendar): void {
  if (!calendar.workingWeekdays.some((day) => Number.isInteger(day) && day >= 1 && day <= 7)) {
    throw new RangeError('The calendar has no working weekday');
  }
}

/** The first business day on or after (step 1) / on or before (step -1) the date. */
function nearestBusinessDay(date: LocalDate, calendar: BusinessCalendar, step: 1 | -1): LocalDate {
  let day = date;
  // Every week has a working weekday; holidays could still fill a long stretch, so allow years.
  for (let guard = 0; guard < 3660 && !isBusinessDay(day, calendar); guard += 1) day = addCalendarDays(day, step);
  return day;
}

export interface BusinessTimeOptions {
  /** Whose wall clock to use; the calendar's time zone by default. */
  timeZone?: string;
  /** Local time of day of the result; by default the wall-clock time of `from`. */
  at?: LocalTime;
}

/**
 * `n` business days after `from` (before, when negative), at a local time: the wall-clock time of
 * `from` unless `at` is given, so 09:00 stays 09:00 across a DST change. `n = 0` gives `from`'s
 * own day when it is a business day, else the next one.
 */
export function addBusinessDays(
  from: Date,
  n: number,
  calendar: BusinessCalendar,
  options: BusinessTimeOptions = {},
): Date {
  if (!Number.isInteger(n)) throw new RangeError(`Business days must be a whole number (got ${n})`);
  assertWorks(calendar);
  const timeZone = options.timeZone ?? calendar.timezone;
  const local = localDateTime(from, timeZone);
  const step: 1 | -1 = n < 0 ? -1 : 1;
  let day: LocalDate = local;
  if (n === 0) {
    day = nearestBusinessDay(day, calendar, 1);
  } else {
    for (let remaining = Math.abs(n); remaining > 0; remaining -= 1) {
      day = nearestBusinessDay(addCalendarDays(day, step), calendar, step);
    }
  }
  return zonedInstant(day, options.at ?? local, timeZone);
}

/** True when the local time falls in the quiet hours (start inclusive, end exclusive). */
export function isQuietTime(time: LocalTime, quiet: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  const minute = minutesOf(time);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

export interface SendTimeOptions {
  /** The recipient's own time zone; the calendar's by default. */
  timeZone?: string;
  /** 09:00 by default; moved to the end of the quiet hours if it falls inside them. */
  morning?: LocalTime;
  quietHours?: QuietHours;
}

function morningOutsideQuiet(options: SendTimeOptions): LocalTime {
  const morning = options.morning ?? BUSINESS_MORNING;
  const quiet = options.quietHours ?? DEFAULT_QUIET_HOURS;
  return isQuietTime(morning, quiet) ? quiet.end : morning;
}

/** The first business-day morning (09:00 in the person's zone) at or after `from`. */
export function nextBusinessMorning(from: Date, calendar: BusinessCalendar, options: SendTimeOptions = {}): Date {
  assertWorks(calendar);
  const timeZone = options.timeZone ?? calendar.timezone;
  const morning = morningOutsideQuiet(options);
  let day: LocalDate = localDateTime(from, timeZone);
  for (let guard = 0; guard < 3660; guard += 1) {
    day = nearestBusinessDay(day, calendar, 1);
    const candidate = zonedInstant(day, morning, timeZone);
    if (candidate.getTime() >= from.getTime()) return candidate;
    day = addCalendarDays(day, 1);
  }
  throw new RangeError('The calendar has no business day within ten years');
}

/**
 * When a message due at `dueAt` may go out: at once when that is a business day for the person
 * and outside their quiet hours, otherwise the next business morning.
 */
export function earliestSendTime(dueAt: Date, calendar: BusinessCalendar, options: SendTimeOptions = {}): Date {
  const timeZone = options.timeZone ?? calendar.timezone;
  const local = localDateTime(dueAt, timeZone);
  if (isBusinessDay(local, calendar) && !isQuietTime(local, options.quietHours ?? DEFAULT_QUIET_HOURS)) return dueAt;
  return nextBusinessMorning(dueAt, calendar, options);
}

/**
 * Business days from `from`'s local date (exclusive) to `to`'s (inclusive): Friday → Monday is 1,
 * the same day is 0; negative when `to` is earlier.
 */
export function businessDaysBetween(
  from: Date,
  to: Date,
  calendar: BusinessCalendar,
  timeZone = calendar.timezone,
): number {
  const start: LocalDate = localDateTime(from, timeZone);
  const end: LocalDate = localDateTime(to, timeZone);
  const sign = compareDates(end, start) < 0 ? -1 : 1;
  const [low, high] = sign > 0 ? [start, end] : [end, start];
  let count = 0;
  for (let day = addCalendarDays(low, 1); compareDates(day, high) <= 0; day = addCalendarDays(day, 1)) {
    if (isBusinessDay(day, calendar)) count += 1;
  }
  return sign * count;
}
