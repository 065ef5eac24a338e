import {
  ActionSource,
  ActionStatus,
  ApplicationStage,
  ContactRole,
  ContactSource,
  FollowUpChannel,
  FollowUpDirection,
  FollowUpOutcome,
  FollowUpPurpose,
  Role,
  VentState,
} from '@followthrough/shared-domain';
import type { SelectOption } from '../components/select-field';

// Words people use for the domain's values; a Record over each enum so a new value cannot be forgotten.

export const ROLE_LABELS: Record<Role, string> = {
  [Role.AGENCY_ADMIN]: 'Agency admin',
  [Role.COACH]: 'Coach',
  [Role.CLIENT]: 'Client',
};

export const STAGE_LABELS: Record<ApplicationStage, string> = {
  [ApplicationStage.SAVED]: 'Saved',
  [ApplicationStage.APPLIED]: 'Applied',
  [ApplicationStage.SCREENING]: 'Screening',
  [ApplicationStage.INTERVIEWING]: 'Interviewing',
  [ApplicationStage.OFFER]: 'Offer',
  [ApplicationStage.HIRED]: 'Hired',
  [ApplicationStage.REJECTED]: 'Rejected',
  [ApplicationStage.WITHDRAWN]: 'Withdrawn',
};

export const CHANNEL_LABELS: Record<FollowUpChannel, string> = {
  [FollowUpChannel.PHONE]: 'Phone call',
  [FollowUpChannel.IN_PERSON]: 'In person',
  [FollowUpChannel.SALES_LINE]: 'Sales line',
  [FollowUpChannel.EMAIL]: 'E-mail',
  [FollowUpChannel.LINKEDIN]: 'LinkedIn',
};

export const DIRECTION_LABELS: Record<FollowUpDirection, string> = {
  [FollowUpDirection.OUTBOUND]: 'The job seeker',
  [FollowUpDirection.INBOUND]: 'The employer',
};

export const PURPOSE_LABELS: Record<FollowUpPurpose, string> = {
  [FollowUpPurpose.STATUS_CHECK]: 'Status check',
  [FollowUpPurpose.PROCESS_INFO]: 'Ask about the hiring process',
  [FollowUpPurpose.FEEDBACK_REQUEST]: 'Ask for feedback',
  [FollowUpPurpose.FIND_CONTACT]: 'Find who recruits',
  [FollowUpPurpose.THANK_YOU]: 'Say thank you',
};

export const OUTCOME_LABELS: Record<FollowUpOutcome, string> = {
  [FollowUpOutcome.NO_ANSWER]: 'No answer',
  [FollowUpOutcome.VOICEMAIL]: 'Left a voicemail',
  [FollowUpOutcome.GATEKEEPER]: 'Stopped by a gatekeeper',
  [FollowUpOutcome.SPOKE_TO_DECISION_MAKER]: 'Spoke to the decision maker',
  [FollowUpOutcome.GOT_STATUS]: 'Got a status update',
  [FollowUpOutcome.GOT_PROCESS_INFO]: 'Learned the hiring process',
  [FollowUpOutcome.GOT_FEEDBACK]: 'Got feedback',
  [FollowUpOutcome.GOT_CONTACT_NAME]: "Got a contact's name",
  [FollowUpOutcome.INTERVIEW_OFFERED]: 'Interview offered',
  [FollowUpOutcome.REJECTED]: 'Told no',
};

export const VENT_STATE_LABELS: Record<VentState, string> = {
  [VentState.OPEN]: 'Open',
  [VentState.ACTIONED]: 'Turned into actions',
  [VentState.RESOLVED]: 'Resolved',
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  [ActionStatus.OPEN]: 'To do',
  [ActionStatus.DONE]: 'Done',
  [ActionStatus.DROPPED]: 'Dropped',
};

/** Select options in the order the labels were written. */
export function optionsOf<T extends string>(labels: Record<T, string>): SelectOption[] {
  return (Object.entries(labels) as Array<[T, string]>).map(([value, label]) => ({ value, label }));
}

export const CONTACT_ROLE_LABELS: Record<ContactRole, string> = {
  [ContactRole.HIRING_MANAGER]: 'Hiring manager',
  [ContactRole.RECRUITER]: 'Recruiter',
  [ContactRole.SALES]: 'Sales',
  [ContactRole.RECEPTION]: 'Reception',
  [ContactRole.REFERRAL]: 'Referral',
  [ContactRole.OTHER]: 'Other',
};

export const CONTACT_SOURCE_LABELS: Record<ContactSource, string> = {
  [ContactSource.JOB_POST]: 'The job post',
  [ContactSource.EMAIL_DOMAIN]: "The recruiter's e-mail domain",
  [ContactSource.SALES_LINE]: 'The Sales line',
  [ContactSource.RECEPTION]: 'Reception',
  [ContactSource.LINKEDIN]: 'LinkedIn',
  [ContactSource.REFERRAL]: 'A referral',
};

/** Moods run from 1 (awful) to 5 (fine). */
export const MOOD_LABELS: Record<number, string> = {
  1: 'Awful',
  2: 'Bad',
  3: 'So-so',
  4: 'Okay',
  5: 'Fine',
};

export const ACTION_SOURCE_LABELS: Record<ActionSource, string> = {
  [ActionSource.VENT]: 'From a vent',
  [ActionSource.COACH]: 'Set by the coach',
  [ActionSource.PLAYBOOK]: 'From the follow-up plan',
  [ActionSource.CLIENT]: 'Self-planned',
};
