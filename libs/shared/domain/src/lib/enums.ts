// The domain vocabulary shared by server and web. Values are stored as-is in the database.

export enum Role {
  AGENCY_ADMIN = 'AGENCY_ADMIN',
  COACH = 'COACH',
  CLIENT = 'CLIENT',
}

export enum ApplicationStage {
  SAVED = 'SAVED',
  APPLIED = 'APPLIED',
  SCREENING = 'SCREENING',
  INTERVIEWING = 'INTERVIEWING',
  OFFER = 'OFFER',
  HIRED = 'HIRED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum ContactRole {
  HIRING_MANAGER = 'HIRING_MANAGER',
  RECRUITER = 'RECRUITER',
  SALES = 'SALES',
  RECEPTION = 'RECEPTION',
  REFERRAL = 'REFERRAL',
  OTHER = 'OTHER',
}

export enum ContactSource {
  JOB_POST = 'JOB_POST',
  EMAIL_DOMAIN = 'EMAIL_DOMAIN',
  SALES_LINE = 'SALES_LINE',
  RECEPTION = 'RECEPTION',
  LINKEDIN = 'LINKEDIN',
  REFERRAL = 'REFERRAL',
}

export enum FollowUpChannel {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  IN_PERSON = 'IN_PERSON',
  LINKEDIN = 'LINKEDIN',
  SALES_LINE = 'SALES_LINE',
}

export enum FollowUpDirection {
  OUTBOUND = 'OUTBOUND',
  INBOUND = 'INBOUND',
}

export enum FollowUpPurpose {
  STATUS_CHECK = 'STATUS_CHECK',
  PROCESS_INFO = 'PROCESS_INFO',
  FEEDBACK_REQUEST = 'FEEDBACK_REQUEST',
  FIND_CONTACT = 'FIND_CONTACT',
  THANK_YOU = 'THANK_YOU',
}

export enum FollowUpOutcome {
  NO_ANSWER = 'NO_ANSWER',
  VOICEMAIL = 'VOICEMAIL',
  GATEKEEPER = 'GATEKEEPER',
  SPOKE_TO_DECISION_MAKER = 'SPOKE_TO_DECISION_MAKER',
  GOT_STATUS = 'GOT_STATUS',
  GOT_PROCESS_INFO = 'GOT_PROCESS_INFO',
  GOT_FEEDBACK = 'GOT_FEEDBACK',
  GOT_CONTACT_NAME = 'GOT_CONTACT_NAME',
  INTERVIEW_OFFERED = 'INTERVIEW_OFFERED',
  REJECTED = 'REJECTED',
}

export enum VentState {
  OPEN = 'OPEN',
  ACTIONED = 'ACTIONED',
  RESOLVED = 'RESOLVED',
}

export enum ActionStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
  DROPPED = 'DROPPED',
}

/** Where an action came from: a client's vent, a coach (or admin), a playbook step, or the client's own plan. */
export enum ActionSource {
  VENT = 'VENT',
  COACH = 'COACH',
  PLAYBOOK = 'PLAYBOOK',
  CLIENT = 'CLIENT',
}

export enum StepStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  SKIPPED = 'SKIPPED',
  CANCELLED = 'CANCELLED',
}

export enum ReminderStatus {
  SCHEDULED = 'SCHEDULED',
  SENDING = 'SENDING',
  /** Waiting in the recipient's daily digest, which has not gone out yet. */
  IN_DIGEST = 'IN_DIGEST',
  SENT = 'SENT',
  SKIPPED = 'SKIPPED',
  FAILED = 'FAILED',
}
