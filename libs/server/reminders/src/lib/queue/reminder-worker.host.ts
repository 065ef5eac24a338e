import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'bullmq';
import { QueueNames } from '@followthrough/server-core';
import { REMINDER_SETTINGS, ReminderSettings } from '../reminder-settings';
import { ReminderQueueFactory } from './reminder-queue-factory';
import { ReminderQueues } from './reminder-queues';
import { ReminderScanProcessor } from './reminder-scan.processor';
import { ReminderSenderProcessor } from './reminder-sender.processor';
import { SmtpHandOff } from '../services/smtp-hand-off';

/**
 * Starts the reminder workers and the scheduler's repeating scan when the worker starts; on
 * shutdown lets in-flight jobs finish before the queues (and then the database) close.
 */
@Injectable()
export class ReminderWorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReminderWorker');
  private workers: Worker[] = [];

  constructor(
    private readonly factory: ReminderQueueFactory,
    private readonly queues: ReminderQueues,
    private readonly sender: ReminderSenderProcessor,
    private readonly scanner: ReminderScanProcessor,
    private readonly handOff: SmtpHandOff,
    @Inject(REMINDER_SETTINGS) private readonly settings: ReminderSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { settings } = this;
    // The scan's job scheduler is ensured by DeliveryWatch. After an outage, try again within a second or two.
    const recovery = { lockDuration: settings.lockMs, stalledInterval: settings.lockMs, runRetryDelay: 1500 };
    const sender = this.factory.worker(QueueNames.reminders, (job, token) => this.sender.process(job, token), {
      concurrency: settings.concurrency,
      // A job caught by a crash is retried when its lock expires; that is not a failed attempt.
      maxStalledCount: 20,
      ...recovery,
    });
    const scanner = this.factory.worker(QueueNames.reminderScheduler, () => this.scanner.process(), {
      concurrency: 1,
      maxStalledCount: 20,
      ...recovery,
    });
    for (const worker of [sender, scanner]) {
      worker.on('error', (error) => this.logger.error(`${worker.name}: ${error.message}`));
      worker.on('failed', (job, error) => {
        if (job) this.logger.warn(`${worker.name} job ${job.id} attempt ${job.attemptsMade} failed: ${error.message}`);
      });
    }
    this.workers = [sender, scanner];
    this.logger.log(
      `Reminder workers ready on ${this.factory.kind} (scan every ${settings.scanEveryMs / 1000} s, concurrency ${settings.concurrency})`,
    );
  }

  /**
   * Stops taking jobs first (close() stops fetching at once), then withdraws every message that has
   * not reached its final dot, so the jobs still active are handed back rather than waited for; only
   * the one message in doubt finishes, within an SMTP timeout.
   */
  async onModuleDestroy(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    const closed = Promise.all(workers.map((worker) => worker.close()));
    this.handOff.close();
    await closed;
    await this.queues.close();
  }
}
