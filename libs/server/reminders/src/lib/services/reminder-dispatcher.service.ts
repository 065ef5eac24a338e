import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { runCrossTenant } from '@followthrough/server-core';
import { ReminderStatus } from '@followthrough/shared-domain';
import { REMINDER_SETTINGS, ReminderSettings } from '../reminder-settings';
import {
  digestJobId,
  LIVE_JOB_STATES,
  ReminderJobs,
  reminderJobId,
  SendDigestJob,
  SendReminderJob,
} from '../queue/reminder-jobs';
import { ReminderQueues } from '../queue/reminder-queues';

export interface DispatchReport {
  reminders: number;
  digests: number;
  /** Rows whose job the queue no longer had (lost with its data, or ended without finishing the row): enqueued again. */
  recovered: number;
}

type Table = 'reminders' | 'reminder_digests';

interface ClaimedRow {
  id: string;
  agency_id: string;
  updated_at: Date;
  job_id: string | null;
}

interface Job {
  name: string;
  data: object;
  opts: { jobId: string };
}

/**
 * The scheduler's work, with the database as the source of truth for what is due:
 * 1. claims due rows never enqueued (partial index *_due_idx) and enqueues them in bulk, each under
 *    a job id deterministic for that claim; the claim commits only after its jobs exist, so a crash
 *    in between makes the next scan enqueue the same ids again, a no-op;
 * 2. looks at rows enqueued (or left SENDING) longer than REMINDER_RECLAIM_AFTER_MS ago and asks the
 *    queue about their job: a job still waiting, delayed or running is left alone (the row is looked
 *    at again a period later); a job the queue no longer has, or that ended without finishing the
 *    row, is replaced. This is what brings reminders back after Redis restarts without its data.
 */
@Injectable()
export class ReminderDispatcher {
  private readonly logger = new Logger('ReminderScan');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: ReminderQueues,
    @Inject(REMINDER_SETTINGS) private readonly settings: ReminderSettings,
  ) {}

  /** Enqueues everything due at `now`. Callable directly (tests, operators) as well as from the scheduler job. */
  async dispatchDue(now = new Date()): Promise<DispatchReport> {
    // The scan claims due rows of every agency (reminders and digests only); each send job then runs bound to its own.
    return runCrossTenant('reminder-scan', () => this.dispatchDueOfEveryAgency(now));
  }

  private async dispatchDueOfEveryAgency(now: Date): Promise<DispatchReport> {
    const toReminderJob = (row: ClaimedRow, jobId: string): Job => ({
      name: ReminderJobs.send,
      data: { agencyId: row.agency_id, reminderId: row.id } satisfies SendReminderJob,
      opts: { jobId },
    });
    const toDigestJob = (row: ClaimedRow, jobId: string): Job => ({
      name: ReminderJobs.digest,
      data: { agencyId: row.agency_id, digestId: row.id } satisfies SendDigestJob,
      opts: { jobId },
    });
    const reminders = await this.claimDue('reminders', now, (row) =>
      toReminderJob(row, reminderJobId(row.id, row.updated_at)),
    );
    const digests = await this.claimDue('reminder_digests', now, (row) =>
      toDigestJob(row, digestJobId(row.id, row.updated_at)),
    );
    const recovered =
      (await this.recoverLost('reminders', now, (row) => toReminderJob(row, reminderJobId(row.id, row.updated_at)))) +
      (await this.recoverLost('reminder_digests', now, (row) => toDigestJob(row, digestJobId(row.id, row.updated_at))));
    if (recovered > 0) this.logger.warn(`Enqueued ${recovered} reminder(s) again whose queue job was lost`);
    return { reminders, digests, recovered };
  }

  private async claimDue(table: Table, now: Date, toJob: (row: ClaimedRow) => Job): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const rows: ClaimedRow[] = await manager.query(
          `SELECT id, agency_id, updated_at, job_id FROM ${table}
            WHERE status = '${ReminderStatus.SCHEDULED}' AND enqueued_at IS NULL AND due_at <= $1
            ORDER BY due_at LIMIT ${this.settings.batchSize} FOR UPDATE SKIP LOCKED`,
          [now],
        );
        if (rows.length === 0) return 0;
        const jobs = rows.map(toJob);
        await this.queues.deliveries.addBulk(jobs);
        await this.markEnqueued(manager, table, rows, jobs);
        return rows.length;
      });
      total += claimed;
      if (claimed < this.settings.batchSize) return total;
    }
  }

  private async recoverLost(table: Table, now: Date, toJob: (row: ClaimedRow) => Job): Promise<number> {
    const before = new Date(now.getTime() - this.settings.reclaimAfterMs);
    // Enqueued and not yet picked up (*_enqueued_idx); left in SENDING with no progress (*_sending_idx).
    const passes: { condition: string; params: unknown[] }[] = [
      {
        condition: `status = '${ReminderStatus.SCHEDULED}' AND enqueued_at IS NOT NULL AND enqueued_at < $1 AND due_at <= $2`,
        params: [before, now],
      },
      {
        condition: `status = '${ReminderStatus.SENDING}' AND updated_at < $1${table === 'reminders' ? ' AND digest_id IS NULL' : ''}`,
        params: [before],
      },
    ];
    let recovered = 0;
    for (const { condition, params } of passes) {
      for (;;) {
        const { seen, lost } = await this.dataSource.transaction(async (manager) => {
          const rows: ClaimedRow[] = await manager.query(
            `SELECT id, agency_id, updated_at, job_id FROM ${table} WHERE ${condition}
              ORDER BY updated_at LIMIT ${this.settings.batchSize} FOR UPDATE SKIP LOCKED`,
            params,
          );
          const states = await Promise.all(
            rows.map((row) =>
              row.job_id ? this.queues.deliveries.getJobState(row.job_id) : Promise.resolve('unknown'),
            ),
          );
          const alive = rows.filter((_, index) => LIVE_JOB_STATES.includes(states[index]));
          const gone = rows.filter((_, index) => !LIVE_JOB_STATES.includes(states[index]));
          if (gone.length > 0) {
            const jobs = gone.map(toJob);
            await this.queues.deliveries.addBulk(jobs);
            await this.markEnqueued(manager, table, gone, jobs);
          }
          // Still in the queue (a backlog, a retry waiting its backoff): looked at again a period later.
          if (alive.length > 0) {
            await manager.query(
              `UPDATE ${table} SET enqueued_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`,
              [alive.map((row) => row.id)],
            );
          }
          return { seen: rows.length, lost: gone.length };
        });
        recovered += lost;
        if (seen < this.settings.batchSize) break;
      }
    }
    return recovered;
  }

  private async markEnqueued(manager: EntityManager, table: Table, rows: ClaimedRow[], jobs: Job[]): Promise<void> {
    await manager.query(
      `UPDATE ${table} AS t SET enqueued_at = now(), updated_at = now(), job_id = j.job_id
         FROM unnest($1::uuid[], $2::varchar[]) AS j(id, job_id) WHERE t.id = j.id`,
      [rows.map((row) => row.id), jobs.map((job) => job.opts.jobId)],
    );
  }
}
