import {
  ApplicationStage,
  FollowUpChannel,
  FollowUpDirection,
  FollowUpOutcome,
  FollowUpPurpose,
  isEmployerAnswer,
  isStatusTouch,
} from '@followthrough/shared-domain';
import { PlaybookStep, StepCondition, StepTrigger } from './playbook-step';

/** Why a cadence stopped by itself. */
export enum CadenceStopReason {
  EMPLOYER_ANSWERED = 'EMPLOYER_ANSWERED',
  STAGE_ADVANCED = 'STAGE_ADVANCED',
  WITHDRAWN = 'WITHDRAWN',
  NO_REACHABLE_CONTACT = 'NO_REACHABLE_CONTACT',
}

export type CadenceEvent =
  | { type: 'STAGE_CHANGED'; to: ApplicationStage; at: Date }
  | {
      type: 'FOLLOW_UP_LOGGED';
      followUpId: string;
      channel: FollowUpChannel;
      purpose: FollowUpPurpose;
      direction: FollowUpDirection;
      outcome: FollowUpOutcome | null;
      at: Date;
    }
  | { type: 'NO_REACHABLE_CONTACT'; at: Date };

export interface ApplicationFacts {
  hasPhoneContact: boolean;
}

export interface PendingStep {
  id: string;
  stepKey: string;
  trigger: StepTrigger;
  channel: FollowUpChannel;
  purpose: FollowUpPurpose;
  dueAt: Date;
}

export interface CadencePlan {
  /** Stop the cadence: every pending step is cancelled. */
  stop: CadenceStopReason | null;
  /** Start a cadence (with the application's playbook) if none is running. */
  start: boolean;
  complete: { stepInstanceId: string; followUpId: string } | null;
  cancel: string[];
  /** Steps to create, due `offsetBusinessDays` business days after `from`. */
  create: { step: PlaybookStep; from: Date }[];
  /** Silence steps whose clock restarts at `from`. */
  restartSilence: { stepInstanceId: string; stepKey: string; from: Date }[];
}

/** Retries of an unanswered call, after which the silence step (visit or call) takes over. */
export const MAX_CALL_RETRIES = 3;

const ADVANCED_STAGES = new Set([
  ApplicationStage.SCREENING,
  ApplicationStage.INTERVIEWING,
  ApplicationStage.OFFER,
  ApplicationStage.HIRED,
]);
const UNANSWERED = new Set([FollowUpOutcome.NO_ANSWER, FollowUpOutcome.VOICEMAIL, FollowUpOutcome.GATEKEEPER]);
// Channels through which a person-to-person step can be done.
const SATISFYING_CHANNELS: Record<FollowUpChannel, FollowUpChannel[]> = {
  [FollowUpChannel.PHONE]: [FollowUpChannel.PHONE, FollowUpChannel.IN_PERSON],
  [FollowUpChannel.IN_PERSON]: [FollowUpChannel.IN_PERSON, FollowUpChannel.PHONE],
  [FollowUpChannel.SALES_LINE]: [FollowUpChannel.SALES_LINE, FollowUpChannel.PHONE, FollowUpChannel.IN_PERSON],
  [FollowUpChannel.EMAIL]: [FollowUpChannel.EMAIL],
  [FollowUpChannel.LINKEDIN]: [FollowUpChannel.LINKEDIN],
};
const STATUS_PURPOSES = [FollowUpPurpose.STATUS_CHECK, FollowUpPurpose.PROCESS_INFO];

function emptyPlan(): CadencePlan {
  return { stop: null, start: false, complete: null, cancel: [], create: [], restartSilence: [] };
}

function appliesTo(step: PlaybookStep, facts: ApplicationFacts): boolean {
  if (step.condition === StepCondition.HAS_PHONE_CONTACT) return facts.hasPhoneContact;
  if (step.condition === StepCondition.NO_PHONE_CONTACT) return !facts.hasPhoneContact;
  return true;
}

function stepsFor(trigger: StepTrigger, steps: PlaybookStep[], facts: ApplicationFacts, from: Date) {
  return steps.filter((step) => step.trigger === trigger && appliesTo(step, facts)).map((step) => ({ step, from }));
}

/** Whether a logged touch does what a pending step asks. */
export function touchSatisfies(
  step: Pick<PendingStep, 'channel' | 'purpose'>,
  channel: FollowUpChannel,
  purpose: FollowUpPurpose,
): boolean {
  if (step.purpose === FollowUpPurpose.FIND_CONTACT) return purpose === FollowUpPurpose.FIND_CONTACT;
  const purposeMatches =
    step.purpose === purpose || (STATUS_PURPOSES.includes(step.purpose) && STATUS_PURPOSES.includes(purpose));
  return purposeMatches && SATISFYING_CHANNELS[step.channel].includes(channel);
}

function stopAll(plan: CadencePlan, reason: CadenceStopReason, pending: PendingStep[]): CadencePlan {
  return { ...plan, stop: reason, cancel: pending.map((step) => step.id) };
}

/**
 * Decides what a pipeline event does to an application's cadence. Pure: the caller loads the
 * facts and pending steps, applies the plan in the same transaction and computes due dates in
 * business time.
 */
export function planCadence(
  event: CadenceEvent,
  context: {
    steps: PlaybookStep[];
    facts: ApplicationFacts;
    pending: PendingStep[];
    callRetries: number;
    running: boolean;
  },
): CadencePlan {
  const { steps, facts, pending } = context;
  const plan = emptyPlan();

  if (event.type === 'NO_REACHABLE_CONTACT') {
    return context.running ? stopAll(plan, CadenceStopReason.NO_REACHABLE_CONTACT, pending) : plan;
  }

  if (event.type === 'STAGE_CHANGED') {
    switch (event.to) {
      case ApplicationStage.APPLIED:
        if (context.running) return plan;
        return {
          ...plan,
          start: true,
          create: [
            ...stepsFor(StepTrigger.APPLIED, steps, facts, event.at),
            ...stepsFor(StepTrigger.SILENCE, steps, facts, event.at),
          ],
        };
      case ApplicationStage.REJECTED:
        // The status steps end; the feedback call begins (a cadence of its own if none was running).
        return {
          ...plan,
          start: !context.running,
          cancel: pending.map((step) => step.id),
          create: stepsFor(StepTrigger.REJECTED, steps, facts, event.at),
        };
      case ApplicationStage.WITHDRAWN:
        return context.running ? stopAll(plan, CadenceStopReason.WITHDRAWN, pending) : plan;
      default:
        return context.running && ADVANCED_STAGES.has(event.to)
          ? stopAll(plan, CadenceStopReason.STAGE_ADVANCED, pending)
          : plan;
    }
  }

  if (!context.running) return plan;
  if (event.direction === FollowUpDirection.INBOUND) return stopAll(plan, CadenceStopReason.EMPLOYER_ANSWERED, pending);

  const matched = [...pending]
    .filter((step) => touchSatisfies(step, event.channel, event.purpose))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  if (matched) plan.complete = { stepInstanceId: matched.id, followUpId: event.followUpId };
  const stillPending = pending.filter((step) => step.id !== matched?.id);

  if (isEmployerAnswer(event.outcome) && isStatusTouch(event.purpose)) {
    return { ...stopAll(plan, CadenceStopReason.EMPLOYER_ANSWERED, stillPending), complete: plan.complete };
  }

  const spokenChannel = event.channel === FollowUpChannel.PHONE || event.channel === FollowUpChannel.SALES_LINE;
  if (event.outcome && UNANSWERED.has(event.outcome) && spokenChannel && context.callRetries < MAX_CALL_RETRIES) {
    // One retry at a time: an older unanswered retry is replaced by the new one.
    plan.cancel.push(...stillPending.filter((step) => step.trigger === StepTrigger.NO_ANSWER).map((step) => step.id));
    plan.create.push(...stepsFor(StepTrigger.NO_ANSWER, steps, facts, event.at));
  }
  if (event.outcome === FollowUpOutcome.GOT_CONTACT_NAME) {
    plan.create.push(...stepsFor(StepTrigger.CONTACT_FOUND, steps, facts, event.at));
  }
  // Any outbound touch restarts the silence clock.
  plan.restartSilence = stillPending
    .filter((step) => step.trigger === StepTrigger.SILENCE)
    .map((step) => ({ stepInstanceId: step.id, stepKey: step.stepKey, from: event.at }));
  return plan;
}
