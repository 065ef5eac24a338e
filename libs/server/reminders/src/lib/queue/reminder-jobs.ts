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

/**
 * Job ids are deterministic per claim: the row's id and the moment it last changed. Enqueuing the
 * same claim twice (a scan that crashed before committing) is a no-op, while a row that comes back
 * to SCHEDULED (deferred out of quiet hours, retried by an admin) gets a job of its own.
 */
export const reminderJobId = (reminderId: string, version: Date) => `r-${reminderId}-${version.getTime()}`;
export const digestJobId = (digestId: string, version: Date) => `d-${digestId}-${version.getTime()}`;

/** A job that can still run: the scan leaves its row alone. */
export const LIVE_JOB_STATES: readonly string[] = ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'];
