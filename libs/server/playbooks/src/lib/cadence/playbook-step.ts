import { FollowUpChannel, FollowUpPurpose } from '@followthrough/shared-domain';

/** What starts a step. */
export enum StepTrigger {
  /** The application moved to APPLIED. */
  APPLIED = 'APPLIED',
  /** A call reached nobody useful (no answer, voicemail, gatekeeper). */
  NO_ANSWER = 'NO_ANSWER',
  /** A FIND_CONTACT touch produced a name to call. */
  CONTACT_FOUND = 'CONTACT_FOUND',
  /** Business days without any touch since the last one (or since applying). */
  SILENCE = 'SILENCE',
  /** The application was rejected: time to ask for feedback. */
  REJECTED = 'REJECTED',
}

/** Whether a step applies only when the application has (or lacks) a contact with a phone number. */
export enum StepCondition {
  ALWAYS = 'ALWAYS',
  HAS_PHONE_CONTACT = 'HAS_PHONE_CONTACT',
  NO_PHONE_CONTACT = 'NO_PHONE_CONTACT',
}

/** One step of a playbook version. Immutable once saved: edits make a new version. */
export interface PlaybookStep {
  /** Stable within a playbook, e.g. "status-call". */
  key: string;
  trigger: StepTrigger;
  condition: StepCondition;
  offsetBusinessDays: number;
  channel: FollowUpChannel;
  purpose: FollowUpPurpose;
  /** What to do and say, shown in the reminder e-mail. */
  instructions: string;
}
