/**
 * Every kind of reminder the product sends. Each one needs a composer registered in the worker; the
 * worker refuses to start when one is missing, rather than failing the reminder when it is due.
 */
export const ReminderKinds = {
  /** The built-in plain nudge to open the dashboard (operators' checks and tests). */
  NOTICE: 'notice',
  /** A playbook step falls due: tells the client what to do and links to log it. */
  STEP_DUE: 'playbook.step-due',
  /** A step ignored for a while: tells the coach. */
  STEP_OVERDUE: 'playbook.step-overdue',
  /** The coach's Monday summary of the caseload. */
  CASELOAD_WEEKLY: 'playbook.caseload-weekly',
} as const;

export type ReminderKind = (typeof ReminderKinds)[keyof typeof ReminderKinds];

export const REMINDER_KINDS: readonly ReminderKind[] = Object.values(ReminderKinds);
