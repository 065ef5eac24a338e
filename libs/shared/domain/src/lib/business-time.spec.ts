import {
  addBusinessDays,
  BusinessCalendar,
  businessDaysBetween,
  earliestSendTime,
  isQuietTime,
  localDateTime,
  nextBusinessMorning,
  zonedInstant,
} from './business-time';

const newYork: BusinessCalendar = { timezone: 'America/New_York', workingWeekdays: [1, 2, 3, 4, 5], holidays: [] };
const paris: BusinessCalendar = {
  timezone: 'Europe/Paris',
  workingWeekdays: [1, 2, 3, 4, 5],
  holidays: ['2026-05-01', '2026-12-25'],
};
const at = (iso: string) => new Date(iso);

describe('zonedInstant', () => {
  it('reads a wall-clock time in a zone, winter and summer', () => {
    expect(zonedInstant({ year: 2026, month: 1, day: 15 }, { hour: 9, minute: 0 }, 'Europe/Paris').toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(zonedInstant({ year: 2026, month: 7, day: 15 }, { hour: 9, minute: 0 }, 'Europe/Paris').toISOString()).toBe(
      '2026-07-15T07:00:00.000Z',
    );
    expect(zonedInstant({ year: 2026, month: 7, day: 15 }, { hour: 9, minute: 0 }, 'Asia/Kolkata').toISOString()).toBe(
      '2026-07-15T03:30:00.000Z',
    );
  });

  it('moves a time skipped in spring forward by the gap', () => {
    // New York, 8 March 2026: 02:00 EST jumps to 03:00 EDT.
    expect(
      zonedInstant({ year: 2026, month: 3, day: 8 }, { hour: 2, minute: 30 }, 'America/New_York').toISOString(),
    ).toBe('2026-03-08T07:30:00.000Z');
    expect(localDateTime(at('2026-03-08T07:30:00Z'), 'America/New_York')).toMatchObject({ hour: 3, minute: 30 });
  });

  it('takes the first of a time that occurs twice in autumn', () => {
    // New York, 1 November 2026: 01:30 happens in EDT, then again in EST.
    expect(
      zonedInstant({ year: 2026, month: 11, day: 1 }, { hour: 1, minute: 30 }, 'America/New_York').toISOString(),
    ).toBe('2026-11-01T05:30:00.000Z');
    // Paris, 25 October 2026: 02:30 happens in CEST, then in CET.
    expect(
      zonedInstant({ year: 2026, month: 10, day: 25 }, { hour: 2, minute: 30 }, 'Europe/Paris').toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('addBusinessDays', () => {
  it('counts within a week and keeps the wall-clock time', () => {
    // Tuesday 14:15 in New York (EDT) + 2 → Thursday 14:15.
    expect(addBusinessDays(at('2026-06-02T18:15:00Z'), 2, newYork).toISOString()).toBe('2026-06-04T18:15:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 09:00 Paris + 1 → Monday 09:00; + 2 → Tuesday.
    expect(addBusinessDays(at('2026-06-05T07:00:00Z'), 1, paris).toISOString()).toBe('2026-06-08T07:00:00.000Z');
    expect(addBusinessDays(at('2026-06-05T07:00:00Z'), 2, paris).toISOString()).toBe('2026-06-09T07:00:00.000Z');
    // Saturday + 1 → Monday.
    expect(addBusinessDays(at('2026-06-06T10:00:00Z'), 1, paris).toISOString()).toBe('2026-06-08T10:00:00.000Z');
  });

  it('skips holidays', () => {
    // Thursday 30 April + 1 → Monday 4 May (1 May is a holiday, then the weekend).
    expect(addBusinessDays(at('2026-04-30T07:00:00Z'), 1, paris).toISOString()).toBe('2026-05-04T07:00:00.000Z');
    // Thursday 24 December + 1 → Monday 28 December.
    expect(addBusinessDays(at('2026-12-24T08:00:00Z'), 1, paris).toISOString()).toBe('2026-12-28T08:00:00.000Z');
  });

  it('honours a non-standard working week', () => {
    const sundayToThursday: BusinessCalendar = {
      timezone: 'Asia/Jerusalem',
      workingWeekdays: [7, 1, 2, 3, 4],
      holidays: [],
    };
    // Thursday 10:00 + 1 → Sunday 10:00 (Friday and Saturday are the weekend).
    const thursday = zonedInstant({ year: 2026, month: 6, day: 4 }, { hour: 10, minute: 0 }, 'Asia/Jerusalem');
    const next = addBusinessDays(thursday, 1, sundayToThursday);
    expect(localDateTime(next, 'Asia/Jerusalem')).toMatchObject({
      year: 2026,
      month: 6,
      day: 7,
      hour: 10,
      minute: 0,
      weekday: 7,
    });
  });

  it('returns the day itself for 0 when it is a business day, else the next one', () => {
    expect(addBusinessDays(at('2026-06-03T07:00:00Z'), 0, paris).toISOString()).toBe('2026-06-03T07:00:00.000Z');
    expect(addBusinessDays(at('2026-06-06T07:00:00Z'), 0, paris).toISOString()).toBe('2026-06-08T07:00:00.000Z');
  });

  it('goes backwards for negative counts', () => {
    // Monday - 1 → Friday.
    expect(addBusinessDays(at('2026-06-08T07:00:00Z'), -1, paris).toISOString()).toBe('2026-06-05T07:00:00.000Z');
  });

  it('sets a given local time', () => {
    expect(addBusinessDays(at('2026-06-05T16:42:00Z'), 2, paris, { at: { hour: 9, minute: 0 } }).toISOString()).toBe(
      '2026-06-09T07:00:00.000Z',
    );
  });

  it('keeps 09:00 across the March change in New York (EST → EDT)', () => {
    // Friday 6 March 09:00 EST = 14:00Z; Monday 9 March 09:00 EDT = 13:00Z.
    expect(addBusinessDays(at('2026-03-06T14:00:00Z'), 1, newYork).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('keeps 09:00 across the November change in New York (EDT → EST)', () => {
    // Friday 30 October 09:00 EDT = 13:00Z; Monday 2 November 09:00 EST = 14:00Z.
    expect(addBusinessDays(at('2026-10-30T13:00:00Z'), 1, newYork).toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('keeps 09:00 across both changes in Paris', () => {
    // Friday 27 March 09:00 CET = 08:00Z → Monday 30 March 09:00 CEST = 07:00Z.
    expect(addBusinessDays(at('2026-03-27T08:00:00Z'), 1, paris).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    // Friday 23 October 09:00 CEST = 07:00Z → Monday 26 October 09:00 CET = 08:00Z.
    expect(addBusinessDays(at('2026-10-23T07:00:00Z'), 1, paris).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('counts days in the person’s own time zone when asked', () => {
    // Friday 23:30 in New York is already Saturday in Paris: for a Paris client, the next business day is Monday,
    // and for a New York client it is Monday too, but from Friday.
    const fridayNight = at('2026-06-06T03:30:00Z');
    expect(addBusinessDays(fridayNight, 1, newYork, { at: { hour: 9, minute: 0 } }).toISOString()).toBe(
      '2026-06-08T13:00:00.000Z',
    );
    expect(
      addBusinessDays(fridayNight, 1, newYork, { timeZone: 'Europe/Paris', at: { hour: 9, minute: 0 } }).toISOString(),
    ).toBe('2026-06-08T07:00:00.000Z');
    // From Thursday night in New York (already Friday in Paris), + 1 for the Paris client is Monday.
    expect(
      addBusinessDays(at('2026-06-05T03:30:00Z'), 1, newYork, {
        timeZone: 'Europe/Paris',
        at: { hour: 9, minute: 0 },
      }).toISOString(),
    ).toBe('2026-06-08T07:00:00.000Z');
  });

  it('refuses a fractional count and a calendar with no working day', () => {
    expect(() => addBusinessDays(at('2026-06-01T00:00:00Z'), 1.5, paris)).toThrow(RangeError);
    expect(() => addBusinessDays(at('2026-06-01T00:00:00Z'), 1, { ...paris, workingWeekdays: [] })).toThrow(RangeError);
  });
});

describe('nextBusinessMorning', () => {
  it('is 09:00 the same day before 09:00 on a business day', () => {
    expect(nextBusinessMorning(at('2026-06-03T05:00:00Z'), paris).toISOString()).toBe('2026-06-03T07:00:00.000Z');
    expect(nextBusinessMorning(at('2026-06-03T07:00:00Z'), paris).toISOString()).toBe('2026-06-03T07:00:00.000Z');
  });

  it('is the next business day after 09:00, over weekends and holidays', () => {
    expect(nextBusinessMorning(at('2026-06-03T07:00:01Z'), paris).toISOString()).toBe('2026-06-04T07:00:00.000Z');
    expect(nextBusinessMorning(at('2026-06-05T15:00:00Z'), paris).toISOString()).toBe('2026-06-08T07:00:00.000Z');
    expect(nextBusinessMorning(at('2026-04-30T18:00:00Z'), paris).toISOString()).toBe('2026-05-04T07:00:00.000Z');
  });

  it('uses the person’s time zone for the hour and the agency calendar for the days', () => {
    // A Paris agency's client living in New York: Wednesday 09:00 New York time.
    expect(nextBusinessMorning(at('2026-06-03T10:00:00Z'), paris, { timeZone: 'America/New_York' }).toISOString()).toBe(
      '2026-06-03T13:00:00.000Z',
    );
    // 1 May (a holiday of the agency) is skipped in New York too.
    expect(nextBusinessMorning(at('2026-04-30T20:00:00Z'), paris, { timeZone: 'America/New_York' }).toISOString()).toBe(
      '2026-05-04T13:00:00.000Z',
    );
  });

  it('lands on 09:00 local on the first business day after each DST change', () => {
    expect(nextBusinessMorning(at('2026-03-06T20:00:00Z'), newYork).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(nextBusinessMorning(at('2026-10-30T20:00:00Z'), newYork).toISOString()).toBe('2026-11-02T14:00:00.000Z');
    expect(nextBusinessMorning(at('2026-03-27T12:00:00Z'), paris).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(nextBusinessMorning(at('2026-10-23T12:00:00Z'), paris).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('moves a morning that falls in the quiet hours to their end', () => {
    const late = { start: { hour: 20, minute: 0 }, end: { hour: 10, minute: 30 } };
    expect(nextBusinessMorning(at('2026-06-03T05:00:00Z'), paris, { quietHours: late }).toISOString()).toBe(
      '2026-06-03T08:30:00.000Z',
    );
  });
});

describe('earliestSendTime', () => {
  it('sends at once during the working day', () => {
    expect(earliestSendTime(at('2026-06-03T12:34:00Z'), paris).toISOString()).toBe('2026-06-03T12:34:00.000Z');
  });

  it('never sends in the quiet hours or on a non-business day', () => {
    // 21:00 Paris on Wednesday → Thursday 09:00.
    expect(earliestSendTime(at('2026-06-03T19:00:00Z'), paris).toISOString()).toBe('2026-06-04T07:00:00.000Z');
    // 07:00 Paris on Wednesday → Wednesday 09:00.
    expect(earliestSendTime(at('2026-06-03T05:00:00Z'), paris).toISOString()).toBe('2026-06-03T07:00:00.000Z');
    // Saturday noon → Monday 09:00.
    expect(earliestSendTime(at('2026-06-06T10:00:00Z'), paris).toISOString()).toBe('2026-06-08T07:00:00.000Z');
  });

  it('judges quiet hours on the recipient’s clock', () => {
    // 15:00 in Paris is 09:00 in New York: fine for both; 23:00 Paris is 17:00 New York: fine for the New Yorker only.
    expect(earliestSendTime(at('2026-06-03T21:00:00Z'), paris, { timeZone: 'America/New_York' }).toISOString()).toBe(
      '2026-06-03T21:00:00.000Z',
    );
    expect(earliestSendTime(at('2026-06-03T21:00:00Z'), paris).toISOString()).toBe('2026-06-04T07:00:00.000Z');
  });
});

describe('isQuietTime', () => {
  it('wraps midnight with the start inclusive and the end exclusive', () => {
    expect(isQuietTime({ hour: 20, minute: 0 })).toBe(true);
    expect(isQuietTime({ hour: 2, minute: 0 })).toBe(true);
    expect(isQuietTime({ hour: 7, minute: 59 })).toBe(true);
    expect(isQuietTime({ hour: 8, minute: 0 })).toBe(false);
    expect(isQuietTime({ hour: 19, minute: 59 })).toBe(false);
    expect(isQuietTime({ hour: 13, minute: 0 }, { start: { hour: 12, minute: 0 }, end: { hour: 14, minute: 0 } })).toBe(
      true,
    );
  });
});

describe('businessDaysBetween', () => {
  it('counts business days after the first date up to the second', () => {
    expect(businessDaysBetween(at('2026-06-03T10:00:00Z'), at('2026-06-03T15:00:00Z'), paris)).toBe(0);
    expect(businessDaysBetween(at('2026-06-05T10:00:00Z'), at('2026-06-08T10:00:00Z'), paris)).toBe(1);
    expect(businessDaysBetween(at('2026-06-01T10:00:00Z'), at('2026-06-08T10:00:00Z'), paris)).toBe(5);
  });

  it('leaves holidays out and is negative backwards', () => {
    expect(businessDaysBetween(at('2026-04-30T10:00:00Z'), at('2026-05-04T10:00:00Z'), paris)).toBe(1);
    expect(businessDaysBetween(at('2026-06-08T10:00:00Z'), at('2026-06-05T10:00:00Z'), paris)).toBe(-1);
  });

  it('counts dates in the calendar’s zone, across DST changes', () => {
    // 23:30 Friday 6 March in New York is Saturday in UTC; to Tuesday 10 March: Monday and Tuesday.
    expect(businessDaysBetween(at('2026-03-07T04:30:00Z'), at('2026-03-10T14:00:00Z'), newYork)).toBe(2);
    expect(businessDaysBetween(at('2026-10-23T12:00:00Z'), at('2026-10-27T12:00:00Z'), paris)).toBe(2);
  });
});
