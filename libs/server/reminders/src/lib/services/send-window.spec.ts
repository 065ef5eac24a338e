import { BusinessCalendar } from '@followthrough/shared-domain';
import { decideSendWindow, SendWindowInput } from './send-window';

const calendar: BusinessCalendar = {
  timezone: 'America/Los_Angeles',
  workingWeekdays: [1, 2, 3, 4, 5],
  holidays: ['2026-03-10'],
};
const LA = 'America/Los_Angeles';
// Friday 6 March 2026, 09:30 in Los Angeles (PST, UTC-8).
const FRIDAY_MORNING = new Date('2026-03-06T17:30:00Z');

const decide = (now: string, extra: Partial<SendWindowInput> = {}) =>
  decideSendWindow({
    timing: 'business-hours',
    dueAt: FRIDAY_MORNING,
    now: new Date(now),
    calendar,
    timeZone: LA,
    mayJoinDigest: true,
    ...extra,
  });

describe('decideSendWindow', () => {
  it('sends on time within business hours', () => {
    expect(decide('2026-03-06T17:31:00Z')).toEqual({ action: 'send' });
  });

  it('defers a Friday reminder delivered at 04:26 on Monday to 09:00 that Monday (across the DST change)', () => {
    // Monday 9 March 04:26 PDT (UTC-7) = 11:26 UTC; 09:00 PDT = 16:00 UTC.
    expect(decide('2026-03-09T11:26:00Z')).toEqual({ action: 'defer', until: new Date('2026-03-09T16:00:00Z') });
  });

  it('defers out of the evening quiet hours and over the agency’s holiday', () => {
    // Monday 9 March 21:00 PDT: quiet; Tuesday 10 March is a holiday; Wednesday 09:00 PDT.
    expect(decide('2026-03-10T04:00:00Z', { dueAt: new Date('2026-03-09T16:30:00Z') })).toEqual({
      action: 'defer',
      until: new Date('2026-03-11T16:00:00Z'),
    });
  });

  it('puts a reminder late by more than one business day into the digest', () => {
    // Wednesday 11 March 10:00 PDT: Monday and Wednesday are business days after Friday (Tuesday is a holiday).
    expect(decide('2026-03-11T17:00:00Z')).toEqual({ action: 'digest', lateBusinessDays: 2 });
  });

  it('never sends a digest into another digest, and leaves exact reminders alone', () => {
    expect(decide('2026-03-11T17:00:00Z', { mayJoinDigest: false })).toEqual({ action: 'send' });
    expect(decide('2026-03-12T06:00:00Z', { mayJoinDigest: false })).toEqual({
      action: 'defer',
      until: new Date('2026-03-12T16:00:00Z'),
    });
    expect(decide('2026-03-09T11:26:00Z', { timing: 'exact' })).toEqual({ action: 'send' });
  });
});
