import { attentionReasons, attentionScore, AttentionReasonCode, noRecentTouchPoints } from './attention-score';

describe('attention score', () => {
  it('is zero, with no reasons, for a client on top of things', () => {
    const facts = {
      overdueSteps: 0,
      businessDaysSinceLastTouch: 5,
      silentApplications: 0,
      unactionedVents: 0,
      ignoredReminders: 0,
    };
    expect(attentionReasons(facts)).toEqual([]);
    expect(attentionScore(facts)).toBe(0);
  });

  it('adds each rule, heaviest reason first, and says why in words', () => {
    const facts = {
      overdueSteps: 2,
      businessDaysSinceLastTouch: 8,
      silentApplications: 1,
      unactionedVents: 1,
      ignoredReminders: 3,
    };
    expect(attentionReasons(facts)).toEqual([
      { code: AttentionReasonCode.OVERDUE_STEPS, text: '2 follow-up steps are overdue', weight: 6 },
      {
        code: AttentionReasonCode.IGNORED_REMINDERS,
        text: '3 step reminders were ignored in the last 28 days',
        weight: 6,
      },
      { code: AttentionReasonCode.UNACTIONED_VENTS, text: '1 shared vent has no action yet', weight: 4 },
      { code: AttentionReasonCode.NO_RECENT_TOUCH, text: 'No follow-up logged for 8 business days', weight: 3 },
      {
        code: AttentionReasonCode.SILENT_APPLICATIONS,
        text: '1 open application has had no touch for 10+ business days',
        weight: 2,
      },
    ]);
    expect(attentionScore(facts)).toBe(21);
  });

  it('caps every rule so one runaway figure cannot hide the rest', () => {
    const facts = {
      overdueSteps: 50,
      businessDaysSinceLastTouch: 400,
      silentApplications: 30,
      unactionedVents: 9,
      ignoredReminders: 40,
    };
    expect(attentionScore(facts)).toBe(30 + 10 + 20 + 20 + 20);
  });

  it('gives the silence rule one point per business day past a week', () => {
    expect([null, 0, 5, 6, 15, 16].map(noRecentTouchPoints)).toEqual([0, 0, 0, 1, 10, 10]);
  });
});
