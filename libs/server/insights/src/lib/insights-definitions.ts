import { FollowUpChannel, FollowUpOutcome } from '@followthrough/shared-domain';

/**
 * Outcomes where a person answered the question the touch asked (a status, the process, feedback,
 * a name to call, an interview, even a no). No answer, voicemail and a gatekeeper who passes nothing
 * on are not answers; neither is a touch logged without an outcome.
 */
export const ANSWERED_OUTCOMES: readonly FollowUpOutcome[] = [
  FollowUpOutcome.SPOKE_TO_DECISION_MAKER,
  FollowUpOutcome.GOT_STATUS,
  FollowUpOutcome.GOT_PROCESS_INFO,
  FollowUpOutcome.GOT_FEEDBACK,
  FollowUpOutcome.GOT_CONTACT_NAME,
  FollowUpOutcome.INTERVIEW_OFFERED,
  FollowUpOutcome.REJECTED,
];

/** The channels that go beyond e-mail ("you can't ignore a body"). */
export const BEYOND_EMAIL_CHANNELS: readonly FollowUpChannel[] = [
  FollowUpChannel.PHONE,
  FollowUpChannel.IN_PERSON,
  FollowUpChannel.SALES_LINE,
];

/** Every channel, in the order reports list them. */
export const CHANNEL_ORDER: readonly FollowUpChannel[] = [
  FollowUpChannel.PHONE,
  FollowUpChannel.IN_PERSON,
  FollowUpChannel.SALES_LINE,
  FollowUpChannel.EMAIL,
  FollowUpChannel.LINKEDIN,
];

/** A step reminder counts as ignored when its step is not done this many business days after falling due (the coach's escalation). */
export const IGNORED_AFTER_BUSINESS_DAYS = 2;

/** The reminder kind the playbooks context e-mails to a client when a step falls due. */
export const STEP_DUE_REMINDER_KIND = 'playbook.step-due';

/** SQL list literal of fixed, known values (never user input). */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');
}

/** part ÷ whole, or null when there is nothing to divide. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
