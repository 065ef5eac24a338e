import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { REMINDER_SETTINGS, ReminderSettings } from '../reminder-settings';
import { ReminderDispatcher } from '../services/reminder-dispatcher.service';
import { ReminderJobs, ScanJob, SCAN_SCHEDULER_ID } from './reminder-jobs';
import { ReminderQueues } from './reminder-queues';

type Reachability = 'up' | 'down';

const PROBE_TIMEOUT_MS = 3000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`no answer within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Keeps delivery going without anyone restarting a worker:
 * - makes sure the scan's job scheduler exists at start, periodically, and whenever the queue
 *   comes back (a Redis restarted without its data has forgotten it);
 * - probes the database and the queue, logs when either goes away and when it comes back, and on
 *   a return runs a scan at once rather than waiting for the next one.
 */
@Injectable()
export class DeliveryWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DeliveryWatch');
  private timers: NodeJS.Timeout[] = [];
  private readonly state: Record<'database' | 'queue', { reach: Reachability; since: number }> = {
    database: { reach: 'up', since: Date.now() },
    queue: { reach: 'up', since: Date.now() },
  };
  private probing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: ReminderQueues,
    private readonly dispatcher: ReminderDispatcher,
    @Inject(REMINDER_SETTINGS) private readonly settings: ReminderSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureScheduler();
    const { ensureSchedulerEveryMs } = this.settings;
    this.timers = [
      setInterval(() => void this.ensureScheduler().catch(() => undefined), ensureSchedulerEveryMs),
      setInterval(() => void this.probe(), Math.min(5000, ensureSchedulerEveryMs)),
    ];
    this.timers.forEach((timer) => timer.unref());
  }

  onModuleDestroy(): void {
    this.timers.forEach((timer) => clearInterval(timer));
    this.timers = [];
  }

  /** Idempotent: upserting the scheduler with the same id and pattern changes nothing when it exists. */
  async ensureScheduler(): Promise<void> {
    await this.queues.scans.upsertJobScheduler(
      SCAN_SCHEDULER_ID,
      { every: this.settings.scanEveryMs },
      { name: ReminderJobs.scan, data: { scope: 'all-agencies' } satisfies ScanJob },
    );
  }

  /** One round of probes; transitions are logged, and a return triggers a scan. */
  async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const database = await this.check('database', () => this.dataSource.query('SELECT 1'));
      const queue = await this.check('queue', () => this.queues.scans.getJobCounts('waiting'));
      if (queue === 'back')
        await this.ensureScheduler().catch((error: Error) =>
          this.logger.warn(`Could not ensure the scan scheduler: ${error.message}`),
        );
      if (
        (database === 'back' || queue === 'back') &&
        this.state.database.reach === 'up' &&
        this.state.queue.reach === 'up'
      ) {
        const report = await this.dispatcher.dispatchDue().catch((error: Error) => {
          this.logger.warn(`The catch-up scan failed: ${error.message}`);
          return null;
        });
        if (report)
          this.logger.log(
            `Delivery resumes: ${report.reminders + report.digests} due, ${report.recovered} recovered from lost jobs`,
          );
      }
    } finally {
      this.probing = false;
    }
  }

  private async check(part: 'database' | 'queue', probe: () => Promise<unknown>): Promise<'same' | 'lost' | 'back'> {
    const current = this.state[part];
    try {
      await within(probe(), PROBE_TIMEOUT_MS);
      if (current.reach === 'up') return 'same';
      this.logger.log(`The ${part} is reachable again after ${Math.round((Date.now() - current.since) / 1000)} s`);
      this.state[part] = { reach: 'up', since: Date.now() };
      return 'back';
    } catch (error) {
      if (current.reach === 'down') return 'same';
      this.logger.error(`The ${part} is unreachable: ${(error as Error).message}. Reminders wait until it is back.`);
      this.state[part] = { reach: 'down', since: Date.now() };
      return 'lost';
    }
  }
}
