import {
  ApplicationStage,
  FollowUpChannel,
  FollowUpDirection,
  FollowUpOutcome,
  FollowUpPurpose,
} from '@followthrough/shared-domain';
import {
  CadenceEvent,
  CadenceStopReason,
  MAX_CALL_RETRIES,
  PendingStep,
  planCadence,
  touchSatisfies,
} from './cadence-planner';
import { DEFAULT_PLAYBOOK_STEPS } from './default-playbook';
import { StepTrigger } from './playbook-step';

const at = new Date('2026-03-02T15:00:00Z');
const steps = DEFAULT_PLAYBOOK_STEPS;

function pendingStep(id: string, key: string, dueDay = 4): PendingStep {
  const step = steps.find((candidate) => candidate.key === key);
  if (!step) throw new Error(key);
  return {
    id,
    stepKey: key,
    trigger: step.trigger,
    channel: step.channel,
    purpose: step.purpose,
    dueAt: new Date(`2026-03-0${dueDay}T14:00:00Z`),
  };
}

function call(
  outcome: FollowUpOutcome | null,
  overrides: Partial<Extract<CadenceEvent, { type: 'FOLLOW_UP_LOGGED' }>> = {},
): CadenceEvent {
  return {
    type: 'FOLLOW_UP_LOGGED',
    followUpId: 'touch-1',
    channel: FollowUpChannel.PHONE,
    purpose: FollowUpPurpose.STATUS_CHECK,
    direction: FollowUpDirection.OUTBOUND,
    outcome,
    at,
    ...overrides,
  };
}

const running = (pending: PendingStep[], callRetries = 0) => ({
  steps,
  facts: { hasPhoneContact: true },
  pending,
  callRetries,
  running: true,
});

describe('planCadence', () => {
  describe('starting on APPLIED', () => {
    it('plans the status call and the silence check when a phone number is known', () => {
      const plan = planCadence(
        { type: 'STAGE_CHANGED', to: ApplicationStage.APPLIED, at },
        { steps, facts: { hasPhoneContact: true }, pending: [], callRetries: 0, running: false },
      );
      expect(plan.start).toBe(true);
      expect(plan.create.map((c) => c.step.key)).toEqual(['status-call', 'visit-or-call']);
      expect(plan.create.every((c) => c.from === at)).toBe(true);
    });

    it('plans finding a contact first when no phone number is known', () => {
      const plan = planCadence(
        { type: 'STAGE_CHANGED', to: ApplicationStage.APPLIED, at },
        { steps, facts: { hasPhoneContact: false }, pending: [], callRetries: 0, running: false },
      );
      expect(plan.create.map((c) => c.step.key)).toEqual(['find-contact', 'visit-or-call']);
      expect(plan.create[0].step.channel).toBe(FollowUpChannel.SALES_LINE);
    });

    it('does not start a second cadence', () => {
      const plan = planCadence(
        { type: 'STAGE_CHANGED', to: ApplicationStage.APPLIED, at },
        running([pendingStep('s1', 'status-call')]),
      );
      expect(plan.start).toBe(false);
      expect(plan.create).toEqual([]);
    });
  });

  describe('branching on outcomes', () => {
    it.each([FollowUpOutcome.NO_ANSWER, FollowUpOutcome.VOICEMAIL, FollowUpOutcome.GATEKEEPER])(
      'completes the call and schedules a retry after %s',
      (outcome) => {
        const plan = planCadence(
          call(outcome),
          running([pendingStep('s1', 'status-call'), pendingStep('s2', 'visit-or-call', 9)]),
        );
        expect(plan.complete).toEqual({ stepInstanceId: 's1', followUpId: 'touch-1' });
        expect(plan.create.map((c) => c.step.key)).toEqual(['retry-call']);
        expect(plan.create[0].step.offsetBusinessDays).toBe(2);
        expect(plan.restartSilence).toEqual([{ stepInstanceId: 's2', stepKey: 'visit-or-call', from: at }]);
        expect(plan.stop).toBeNull();
      },
    );

    it(`stops retrying after ${MAX_CALL_RETRIES} unanswered retries`, () => {
      const plan = planCadence(
        call(FollowUpOutcome.NO_ANSWER),
        running([pendingStep('s1', 'retry-call')], MAX_CALL_RETRIES),
      );
      expect(plan.create).toEqual([]);
    });

    it('schedules a call to the person a Sales line named', () => {
      const plan = planCadence(
        call(FollowUpOutcome.GOT_CONTACT_NAME, {
          channel: FollowUpChannel.SALES_LINE,
          purpose: FollowUpPurpose.FIND_CONTACT,
        }),
        running([pendingStep('s1', 'find-contact')]),
      );
      expect(plan.complete?.stepInstanceId).toBe('s1');
      expect(plan.create.map((c) => c.step.key)).toEqual(['call-found-contact']);
    });

    it('stops when the call reached someone who answered', () => {
      const plan = planCadence(
        call(FollowUpOutcome.GOT_STATUS),
        running([pendingStep('s1', 'status-call'), pendingStep('s2', 'visit-or-call', 9)]),
      );
      expect(plan.complete?.stepInstanceId).toBe('s1');
      expect(plan.stop).toBe(CadenceStopReason.EMPLOYER_ANSWERED);
      expect(plan.cancel).toEqual(['s2']);
    });

    it('does not count an e-mail as the phone call it asks for, but restarts the silence clock', () => {
      const plan = planCadence(
        call(null, { channel: FollowUpChannel.EMAIL }),
        running([pendingStep('s1', 'status-call'), pendingStep('s2', 'visit-or-call', 9)]),
      );
      expect(plan.complete).toBeNull();
      expect(plan.restartSilence).toEqual([{ stepInstanceId: 's2', stepKey: 'visit-or-call', from: at }]);
    });
  });

  describe('stopping by itself', () => {
    const pending = [pendingStep('s1', 'status-call'), pendingStep('s2', 'visit-or-call', 9)];

    it('stops on an inbound touch from the employer', () => {
      const plan = planCadence(
        call(null, { direction: FollowUpDirection.INBOUND, channel: FollowUpChannel.EMAIL }),
        running(pending),
      );
      expect(plan.stop).toBe(CadenceStopReason.EMPLOYER_ANSWERED);
      expect(plan.cancel).toEqual(['s1', 's2']);
    });

    it.each([
      ApplicationStage.SCREENING,
      ApplicationStage.INTERVIEWING,
      ApplicationStage.OFFER,
      ApplicationStage.HIRED,
    ])('stops on a move to %s', (to) => {
      const plan = planCadence({ type: 'STAGE_CHANGED', to, at }, running(pending));
      expect(plan.stop).toBe(CadenceStopReason.STAGE_ADVANCED);
      expect(plan.cancel).toEqual(['s1', 's2']);
    });

    it('stops on WITHDRAWN and on a no-reachable-contact mark', () => {
      expect(planCadence({ type: 'STAGE_CHANGED', to: ApplicationStage.WITHDRAWN, at }, running(pending)).stop).toBe(
        CadenceStopReason.WITHDRAWN,
      );
      expect(planCadence({ type: 'NO_REACHABLE_CONTACT', at }, running(pending)).stop).toBe(
        CadenceStopReason.NO_REACHABLE_CONTACT,
      );
    });

    it('replaces the status steps with a feedback call the next business day on REJECTED', () => {
      const plan = planCadence({ type: 'STAGE_CHANGED', to: ApplicationStage.REJECTED, at }, running(pending));
      expect(plan.cancel).toEqual(['s1', 's2']);
      expect(plan.create.map((c) => [c.step.key, c.step.purpose, c.step.offsetBusinessDays])).toEqual([
        ['feedback-call', FollowUpPurpose.FEEDBACK_REQUEST, 1],
      ]);
    });
  });
});

describe('touchSatisfies', () => {
  it('accepts a visit for a call and a call for a visit, but never an e-mail for either', () => {
    const callStep = { channel: FollowUpChannel.PHONE, purpose: FollowUpPurpose.STATUS_CHECK };
    expect(touchSatisfies(callStep, FollowUpChannel.IN_PERSON, FollowUpPurpose.STATUS_CHECK)).toBe(true);
    expect(touchSatisfies(callStep, FollowUpChannel.PHONE, FollowUpPurpose.PROCESS_INFO)).toBe(true);
    expect(touchSatisfies(callStep, FollowUpChannel.EMAIL, FollowUpPurpose.STATUS_CHECK)).toBe(false);
    expect(touchSatisfies(callStep, FollowUpChannel.PHONE, FollowUpPurpose.THANK_YOU)).toBe(false);
  });

  it('accepts any channel that found a contact for a find-contact step', () => {
    const findStep = { channel: FollowUpChannel.SALES_LINE, purpose: FollowUpPurpose.FIND_CONTACT };
    expect(touchSatisfies(findStep, FollowUpChannel.LINKEDIN, FollowUpPurpose.FIND_CONTACT)).toBe(true);
    expect(touchSatisfies(findStep, FollowUpChannel.SALES_LINE, FollowUpPurpose.STATUS_CHECK)).toBe(false);
  });

  it('keeps the triggers of the default playbook distinct per step', () => {
    expect(new Set(DEFAULT_PLAYBOOK_STEPS.map((s) => s.key)).size).toBe(DEFAULT_PLAYBOOK_STEPS.length);
    expect(DEFAULT_PLAYBOOK_STEPS.filter((s) => s.trigger === StepTrigger.APPLIED)).toHaveLength(2);
  });
});
