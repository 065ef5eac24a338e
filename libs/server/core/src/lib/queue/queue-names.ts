/** Every BullMQ queue of the platform, named in one place so producers and workers agree. */
export const QueueNames = {
  /** Liveness of the queue backend; the worker's heartbeat runs here. */
  system: 'system',
  reminders: 'reminders',
  reminderScheduler: 'reminder-scheduler',
  /** Recurring planning work of the playbooks context (weekly caseload summaries). */
  playbookSchedules: 'playbook-schedules',
  /** The insights rollups' scheduled pass. */
  insights: 'insights',
  /** Housekeeping of core (the audit trail's retention pass). */
  maintenance: 'maintenance',
} as const;

export type QueueName = (typeof QueueNames)[keyof typeof QueueNames];
