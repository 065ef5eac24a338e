/** Job names and payloads of the reminder queues. Payloads carry the tenant and ids only. */
export const ReminderJobs = {
  send: 'send',
  digest: 'digest',
  scan: 'scan',
} as const;

export interface SendReminderJob {
  agencyId: string;
  reminderId: string;
}

export interface SendDigestJob {
  agencyId: string;
  digestId: string;
}

/** The scan covers every agency; it fans out into per-agency jobs. */
export interface ScanJob {
  scope: 'all-agencies';
}

export const SCAN_SCHEDULER_ID = 'reminder-scan';

/** Deterministic job ids: enqueuing the same reminder twice is a no-op while its job exists. */
export const reminderJobId = (reminderId: string) => reminderId;
export const digestJobId = (digestId: string) => `digest-${digestId}`;
