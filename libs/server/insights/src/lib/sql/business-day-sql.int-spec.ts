import { BusinessCalendar, businessDaysBetween } from '@followthrough/shared-domain';
import { sql } from '@followthrough/server-testing';
import { BusinessDaySql, businessDaysAgoThreshold } from './business-day-sql';
import { SqlParams } from './sql-params';

const CALENDARS: BusinessCalendar[] = [
  {
    timezone: 'Europe/Paris',
    workingWeekdays: [1, 2, 3, 4, 5],
    holidays: ['2026-03-09', '2026-04-06', '2026-05-01', '2026-05-02', '2026-12-25'],
  },
  { timezone: 'America/New_York', workingWeekdays: [1, 2, 3, 4, 5, 6], holidays: ['2026-07-03', '2026-11-26'] },
  { timezone: 'Asia/Kolkata', workingWeekdays: [7, 1, 2, 3, 4], holidays: [] },
  { timezone: 'UTC', workingWeekdays: [1, 2, 3, 4, 5, 6, 7], holidays: ['2026-01-01'] },
];

// A fixed spread of instants over 2025–2027, crossing DST changes, weekends and the holidays above.
const INSTANTS = Array.from(
  { length: 60 },
  (_, i) => new Date(Date.UTC(2025, 10, 1) + i * 7_919_000_000 * 0.21 + (i % 7) * 3_600_000 * 5),
);

describe('business days in SQL', () => {
  it.each(CALENDARS.map((calendar) => [calendar.timezone, calendar] as const))(
    'agree with businessDaysBetween (%s)',
    async (_zone, calendar) => {
      const params = new SqlParams();
      const days = new BusinessDaySql(calendar, params);
      const pairs = INSTANTS.flatMap((from, i) => INSTANTS.slice(i, i + 8).map((to) => [from, to] as const));
      const froms = params.add(
        pairs.map(([from]) => from),
        'timestamptz[]',
      );
      const tos = params.add(
        pairs.map(([, to]) => to),
        'timestamptz[]',
      );
      const rows = await sql<{ n: number }>(
        `SELECT ${days.between('f', 't')} AS n FROM unnest(${froms}, ${tos}) WITH ORDINALITY AS p(f, t, i) ORDER BY i`,
        params.values,
      );
      expect(rows.map((row) => row.n)).toEqual(pairs.map(([from, to]) => businessDaysBetween(from, to, calendar)));
    },
  );

  it.each(CALENDARS.map((calendar) => [calendar.timezone, calendar] as const))(
    'thresholds split instants exactly where n business days have passed (%s)',
    (_zone, calendar) => {
      const now = new Date('2026-05-04T07:30:00Z');
      for (const n of [0, 1, 2, 6, 10, 15]) {
        const threshold = businessDaysAgoThreshold(now, n, calendar);
        for (let hours = 0; hours < 24 * 30; hours += 5) {
          const instant = new Date(now.getTime() - hours * 3_600_000);
          expect([n, hours, instant < threshold]).toEqual([n, hours, businessDaysBetween(instant, now, calendar) >= n]);
        }
      }
    },
  );
});
