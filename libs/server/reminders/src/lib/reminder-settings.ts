import { ConfigError, Env, parseWholeNumber } from '@followthrough/server-core';

/** Tuning of the reminder engine, read from the environment once per process (defaults suit production). */
export interface ReminderSettings {
  /** How often the scheduler job looks for due reminders and digests. */
  scanEveryMs: number;
  /** Attempts per message before it is FAILED (at least 5). */
  attempts: number;
  /** First retry delay; each next one doubles. */
  backoffMs: number;
  /** Sender jobs in flight per worker process (their SMTP conversations share REMINDER_SMTP_LANES lanes). */
  concurrency: number;
  /** How long a job's lock lasts without renewal; a killed worker's jobs are retried after it. */
  lockMs: number;
  /** A row enqueued (or left SENDING) this long ago has its queue job checked; a lost job is replaced. */
  reclaimAfterMs: number;
  /** How often each worker makes sure the scan's job scheduler exists (it is also ensured on every reconnect). */
  ensureSchedulerEveryMs: number;
  /** Reminders claimed per scan transaction. */
  batchSize: number;
  /** Key prefix of the queues on Redis (the PostgreSQL backend ignores it). */
  queuePrefix: string;
}

export const REMINDER_SETTINGS = Symbol('REMINDER_SETTINGS');

export function loadReminderSettings(env: Env = process.env): ReminderSettings {
  const prefix = env['REMINDER_QUEUE_PREFIX']?.trim() || 'bull';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) {
    throw new ConfigError('REMINDER_QUEUE_PREFIX', 'may hold letters, digits, "_", "." and "-" only');
  }
  return {
    scanEveryMs: parseWholeNumber(env, 'REMINDER_SCAN_EVERY_MS', 15_000, 200, 3_600_000),
    attempts: parseWholeNumber(env, 'REMINDER_ATTEMPTS', 6, 5, 50),
    backoffMs: parseWholeNumber(env, 'REMINDER_BACKOFF_MS', 30_000, 1, 3_600_000),
    concurrency: parseWholeNumber(env, 'REMINDER_CONCURRENCY', 8, 1, 200),
    lockMs: parseWholeNumber(env, 'REMINDER_LOCK_MS', 30_000, 1_000, 600_000),
    // With a 15 s scan, a row whose job was lost is found within a minute.
    reclaimAfterMs: parseWholeNumber(env, 'REMINDER_RECLAIM_AFTER_MS', 45_000, 1_000, 86_400_000),
    ensureSchedulerEveryMs: parseWholeNumber(env, 'REMINDER_ENSURE_SCHEDULER_EVERY_MS', 30_000, 200, 3_600_000),
    batchSize: parseWholeNumber(env, 'REMINDER_BATCH_SIZE', 500, 1, 10_000),
    queuePrefix: prefix,
  };
}
