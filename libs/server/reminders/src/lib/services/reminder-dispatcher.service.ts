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

type Table = 'reminders' | 'reminder_digests';

interface ClaimedRow {
  id: string;
  agency_id: string;
  attempts: number;
}

interface Pass {
  /** Which rows, after `status = …`; $1 and $2 as given in `params`. */
  status: ReminderStatus;
  condition: string;
  params: unknown[];
  orderBy: string;
  /** A re-enqueue after a lost job gets an id of its own: the lost one may linger as a failed job. */
  recovery: boolean;
}

/**
 * The scheduler's work: claims due reminders and digests through partial indexes and enqueues
 * them in bulk, one job per row with a deterministic job id (the row's id). A claim commits only
 * after its jobs exist, so a crash in between means the next scan enqueues them again, which the
 * deterministic ids make a no-op. Rows whose job was lost (still waiting, or stuck in SENDING, for
 * longer than REMINDER_RECLAIM_AFTER_MS) are enqueued again.
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
    const reminders = await this.drain('reminders', now, (row, recovery) => ({
      name: ReminderJobs.send,
      data: { agencyId: row.agency_id, reminderId: row.id } satisfies SendReminderJob,
      opts: { jobId: recovery ? `${reminderJobId(row.id)}-again-${row.attempts}` : reminderJobId(row.id) },
    }));
    const digests = await this.drain('reminder_digests', now, (row, recovery) => ({
      name: ReminderJobs.digest,
      data: { agencyId: row.agency_id, digestId: row.id } satisfies SendDigestJob,
      opts: { jobId: recovery ? `${digestJobId(row.id)}-again-${row.attempts}` : digestJobId(row.id) },
    }));
    return { reminders, digests };
  }

  private async drain(
    table: Table,
    now: Date,
    toJob: (row: ClaimedRow, recovery: boolean) => { name: string; data: object; opts: { jobId: string } },
  ): Promise<number> {
    const lostBefore = new Date(Date.now() - this.settings.reclaimAfterMs);
    const passes: Pass[] = [
      // Due and never enqueued: the partial index *_due_idx.
      { status: ReminderStatus.SCHEDULED, condition: 'enqueued_at IS NULL AND due_at <= $1', params: [now], orderBy: 'due_at', recovery: false },
      // Enqueued long ago and still not picked up: *_enqueued_idx. Same job id, a no-op if the job still exists.
      {
        status: ReminderStatus.SCHEDULED,
        condition: 'enqueued_at IS NOT NULL AND enqueued_at < $1 AND due_at <= $2',
        params: [lostBefore, now],
        orderBy: 'enqueued_at',
        recovery: false,
      },
      // Left in SENDING with no progress (its job lost or failed by repeated crashes): *_sending_idx.
      {
        status: ReminderStatus.SENDING,
        condition: `updated_at < $1${table === 'reminders' ? ' AND digest_id IS NULL' : ''}`,
        params: [lostBefore],
        orderBy: 'updated_at',
        recovery: true,
      },
    ];
    let total = 0;
    for (const pass of passes) total += await this.claimAll(table, pass, toJob);
    return total;
  }

  private async claimAll(
    table: Table,
    pass: Pass,
    toJob: (row: ClaimedRow, recovery: boolean) => { name: string; data: object; opts: { jobId: string } },
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const rows: ClaimedRow[] = await manager.query(
          `SELECT id, agency_id, attempts FROM ${table}
            WHERE status = '${pass.status}' AND ${pass.condition}
            ORDER BY ${pass.orderBy}
            LIMIT ${this.settings.batchSize}
            FOR UPDATE SKIP LOCKED`,
          pass.params,
        );
        if (rows.length === 0) return 0;
        await this.queues.deliveries.addBulk(rows.map((row) => toJob(row, pass.recovery)));
        await manager.query(`UPDATE ${table} SET enqueued_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
        return rows.length;
      });
      total += claimed;
      if (claimed < this.settings.batchSize) return total;
    }
  }
}
