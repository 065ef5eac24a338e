import { formatLocalDate, localDateTime } from '@followthrough/shared-domain';

export interface DueWording {
  /** Starts the subject: "Today" or "Overdue since Tue 3 Mar". */
  label: string;
  /** For the body: "is due today" or "has been due since Tuesday 3 March". */
  sentence: string;
}

/** Honest about lateness: a step that fell due on an earlier day (in the reader's zone) says since when. */
export function dueWording(dueAt: Date, now: Date, timeZone: string): DueWording {
  const dueDay = formatLocalDate(localDateTime(dueAt, timeZone));
  if (dueDay >= formatLocalDate(localDateTime(now, timeZone))) return { label: 'Today', sentence: 'is due today' };
  const short = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(
    dueAt,
  );
  const long = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(
    dueAt,
  );
  return { label: `Overdue since ${short.replace(',', '')}`, sentence: `has been due since ${long.replace(',', '')}` };
}
