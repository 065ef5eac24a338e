import { ApplicationStage, FollowUpDirection, FollowUpOutcome, FollowUpPurpose } from '@followthrough/shared-domain';
import { STAGE_LABELS } from './domain-labels';
import { whyNoStepIsWaiting } from './cadence-status';

const touch = (
  outcome: FollowUpOutcome | null,
  purpose = FollowUpPurpose.STATUS_CHECK,
  direction = FollowUpDirection.OUTBOUND,
) => ({
  direction,
  purpose,
  outcome,
  occurredAt: '2026-03-02T10:00:00.000Z',
});
const applied = { stage: ApplicationStage.APPLIED, noReachableContact: false, followUps: [] };

describe('whyNoStepIsWaiting', () => {
  it('says the cadence stopped after a status update from the employer', () => {
    expect(whyNoStepIsWaiting({ ...applied, followUps: [touch(FollowUpOutcome.GOT_STATUS)] }, STAGE_LABELS)).toMatch(
      /^The employer answered/,
    );
    expect(
      whyNoStepIsWaiting(
        { ...applied, followUps: [touch(null, FollowUpPurpose.STATUS_CHECK, FollowUpDirection.INBOUND)] },
        STAGE_LABELS,
      ),
    ).toMatch(/^The employer answered/);
  });

  it('does not count unanswered calls or a thank-you as an answer', () => {
    expect(whyNoStepIsWaiting({ ...applied, followUps: [touch(FollowUpOutcome.NO_ANSWER)] }, STAGE_LABELS)).toBeNull();
    expect(
      whyNoStepIsWaiting(
        { ...applied, followUps: [touch(FollowUpOutcome.GOT_STATUS, FollowUpPurpose.THANK_YOU)] },
        STAGE_LABELS,
      ),
    ).toBeNull();
  });

  it('names the stage the application moved to, and the other reasons', () => {
    expect(whyNoStepIsWaiting({ ...applied, stage: ApplicationStage.INTERVIEWING }, STAGE_LABELS)).toContain(
      'moved to Interviewing',
    );
    expect(whyNoStepIsWaiting({ ...applied, stage: ApplicationStage.WITHDRAWN }, STAGE_LABELS)).toContain('withdrew');
    expect(whyNoStepIsWaiting({ ...applied, noReachableContact: true }, STAGE_LABELS)).toContain('nobody to reach');
  });
});
