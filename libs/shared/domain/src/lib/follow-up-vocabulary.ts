// The words every context and the web use about follow-up, each defined once.
import { FollowUpChannel, FollowUpOutcome, FollowUpPurpose } from './enums';

/**
 * Outcomes in which the touch got an answer to its question: a status, the process, feedback, a
 * name to call, an interview, even a no. No answer, voicemail and a gatekeeper who passes nothing
 * on are not answers; neither is a touch logged without an outcome. Response rates count these.
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

/**
 * The answered outcomes in which the hiring side itself answered. A name passed on by Sales or
 * reception answers the touch but is not word from the employer: the chase goes on, now to that person.
 */
export const EMPLOYER_ANSWERED_OUTCOMES: readonly FollowUpOutcome[] = ANSWERED_OUTCOMES.filter(
  (outcome) => outcome !== FollowUpOutcome.GOT_CONTACT_NAME,
);

export function isAnswered(outcome: FollowUpOutcome | null | undefined): boolean {
  return !!outcome && ANSWERED_OUTCOMES.includes(outcome);
}

export function isEmployerAnswer(outcome: FollowUpOutcome | null | undefined): boolean {
  return !!outcome && EMPLOYER_ANSWERED_OUTCOMES.includes(outcome);
}

/**
 * Whether a touch asks where things stand: everything but a feedback request or a thank-you. The
 * employer's answer to such a touch ends the follow-up cadence (the planner and the web agree by using this).
 */
export function isStatusTouch(purpose: FollowUpPurpose): boolean {
  return purpose !== FollowUpPurpose.FEEDBACK_REQUEST && purpose !== FollowUpPurpose.THANK_YOU;
}

/** The channels that go beyond e-mail, person to person: a body is harder to ignore than a message. */
export const BEYOND_EMAIL_CHANNELS: readonly FollowUpChannel[] = [
  FollowUpChannel.PHONE,
  FollowUpChannel.IN_PERSON,
  FollowUpChannel.SALES_LINE,
];

export function isBeyondEmail(channel: FollowUpChannel): boolean {
  return BEYOND_EMAIL_CHANNELS.includes(channel);
}

/**
 * Two different silences, kept apart on purpose:
 * - the employer's: an application sent this many calendar days ago with no answer from the hiring
 *   side yet (vent suggestions propose a call about it);
 * - the client's: an open application the client has not touched for this many business days on the
 *   agency calendar (the coach's radar counts it against the client).
 */
export const EMPLOYER_SILENT_AFTER_DAYS = 3;
export const CLIENT_SILENT_AFTER_BUSINESS_DAYS = 10;
