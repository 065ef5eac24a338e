import { FollowUpChannel, FollowUpOutcome, FollowUpPurpose } from './enums';
import {
  ANSWERED_OUTCOMES,
  BEYOND_EMAIL_CHANNELS,
  EMPLOYER_ANSWERED_OUTCOMES,
  isAnswered,
  isBeyondEmail,
  isEmployerAnswer,
  isStatusTouch,
} from './follow-up-vocabulary';

describe('the follow-up vocabulary', () => {
  it('counts every outcome but silence, a voicemail and a gatekeeper as an answer', () => {
    const unanswered = [FollowUpOutcome.NO_ANSWER, FollowUpOutcome.VOICEMAIL, FollowUpOutcome.GATEKEEPER];
    expect([...ANSWERED_OUTCOMES].sort()).toEqual(
      Object.values(FollowUpOutcome)
        .filter((outcome) => !unanswered.includes(outcome))
        .sort(),
    );
    expect(isAnswered(FollowUpOutcome.GOT_CONTACT_NAME)).toBe(true);
    expect(isAnswered(FollowUpOutcome.VOICEMAIL)).toBe(false);
    expect(isAnswered(null)).toBe(false);
  });

  it('does not take a name passed on by Sales for word from the employer', () => {
    expect([...EMPLOYER_ANSWERED_OUTCOMES].sort()).toEqual([
      FollowUpOutcome.GOT_FEEDBACK,
      FollowUpOutcome.GOT_PROCESS_INFO,
      FollowUpOutcome.GOT_STATUS,
      FollowUpOutcome.INTERVIEW_OFFERED,
      FollowUpOutcome.REJECTED,
      FollowUpOutcome.SPOKE_TO_DECISION_MAKER,
    ]);
    expect(isEmployerAnswer(FollowUpOutcome.GOT_CONTACT_NAME)).toBe(false);
    expect(isEmployerAnswer(FollowUpOutcome.GOT_FEEDBACK)).toBe(true);
    expect(isEmployerAnswer(undefined)).toBe(false);
    expect(EMPLOYER_ANSWERED_OUTCOMES.every((outcome) => ANSWERED_OUTCOMES.includes(outcome))).toBe(true);
  });

  it('goes beyond e-mail by phone, in person or through the Sales line, never by e-mail or LinkedIn', () => {
    expect([...BEYOND_EMAIL_CHANNELS].sort()).toEqual([
      FollowUpChannel.IN_PERSON,
      FollowUpChannel.PHONE,
      FollowUpChannel.SALES_LINE,
    ]);
    expect(isBeyondEmail(FollowUpChannel.EMAIL)).toBe(false);
    expect(isBeyondEmail(FollowUpChannel.LINKEDIN)).toBe(false);
    expect(isBeyondEmail(FollowUpChannel.SALES_LINE)).toBe(true);
  });
});

describe('isStatusTouch', () => {
  it('takes every purpose but a feedback request and a thank-you as asking where things stand', () => {
    expect(Object.values(FollowUpPurpose).filter(isStatusTouch).sort()).toEqual([
      FollowUpPurpose.FIND_CONTACT,
      FollowUpPurpose.PROCESS_INFO,
      FollowUpPurpose.STATUS_CHECK,
    ]);
  });
});
