import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReminderStatus } from '@followthrough/shared-domain';
import { REMINDER_SETTINGS, ReminderSettings } from '../reminder-settings';
import { digestJobId, ReminderJobs, reminderJobId, SendDigestJob, SendReminderJob } from '../queue/reminder-jobs';
import { ReminderQueues } from '../queue/reminder-queues';

export interface DispatchReport {
  reminders: number;
  digests: number;
}

/**
 * The scheduler's work: claims due reminders and digests (through the partial indexes on
 * status = 'SCHEDULED') and enqueues them in bulk, one job per row with the row's id as job id.
 * The claim commits only after the jobs exist, so a crash in between just means the next scan
 * enqueues them again — and the deterministic ids make that a no-op.
 */
@Injectable()
export class ReminderDispatcher {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: ReminderQueues,
    @Inject(REMINDER_SETTINGS) private readonly settings: ReminderSettings,
  ) {}

  /** Enqueues everything due at `now`. Callable directly (tests, operators) as well as from the scheduler job. */
  async dispatchDue(now = new Date()): Promise<DispatchReport> {
    const reminders = await this.drain('reminders', now, (rows) =>
      rows.map((row) => ({
        name: ReminderJobs.send,
        data: { agencyId: row.agency_id, reminderId: row.id } satisfies SendReminderJob,
        opts: { jobId: reminderJobId(row.id) },
      })),
    );
    const digests = await this.drain('reminder_digests', now, (rows) =>
      rows.map((row) => ({
        name: ReminderJobs.digest,
        data: { agencyId: row.agency_id, digestId: row.id } satisfies SendDigestJob,
        opts: { jobId: digestJobId(row.id) },
      })),
    );
    return { reminders, digests };
  }

  /** First the fresh claims (unqueued, due), then re-claims of rows whose job seems lost. */
  private async drain(
    table: 'reminders' | 'reminder_digests',
    now: Date,
    toJobs: (rows: { id: string; agency_id: string }[]) => { name: string; data: object; opts: { jobId: string } }[],
  ): Promise<number> {
    const fresh = await this.claimAll(table, `enqueued_at IS NULL AND due_at <= $1`, [now], toJobs);
    const stale = await this.claimAll(
      table,
      `enqueued_at IS NOT NULL AND enqueued_at < $1 AND due_at <= $2`,
      [new Date(Date.now() - this.settings.reclaimAfterMs), now],
      toJobs,
    );
    return fresh + stale;
  }

  private async claimAll(
    table: 'reminders' | 'reminder_digests',
    condition: string,
    params: unknown[],
    toJobs: (rows: { id: string; agency_id: string }[]) => { name: string; data: object; opts: { jobId: string } }[],
  ): Promise<number> {
    const orderBy = condition.startsWith('enqueued_at IS NULL') ? 'due_at' : 'enqueued_at';
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const rows: { id: string; agency_id: string }[] = await manager.query(
          `SELECT id, agency_id FROM ${table}
            WHERE status = '${ReminderStatus.SCHEDULED}' AND ${condition}
            ORDER BY ${orderBy}
            LIMIT ${this.settings.batchSize}
            FOR UPDATE SKIP LOCKED`,
          params,
        );
        if (rows.length === 0) return 0;
        await this.queues.deliveries.addBulk(toJobs(rows));
        await manager.query(`UPDATE ${table} SET enqueued_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
        return rows.length;
      });
      total += claimed;
      if (claimed < this.settings.batchSize) return total;
    }
  }
}
