import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueNames } from '@followthrough/server-core';
import { REMINDER_SETTINGS, ReminderSettings } from '../reminder-settings';
import { ReminderQueueFactory } from './reminder-queue-factory';

/** The two reminder queues of a worker process: deliveries (with retries) and the scheduler's scan. */
@Injectable()
export class ReminderQueues {
  readonly deliveries: Queue;
  readonly scans: Queue;

  constructor(factory: ReminderQueueFactory, @Inject(REMINDER_SETTINGS) settings: ReminderSettings) {
    this.deliveries = factory.queue(QueueNames.reminders, {
      attempts: settings.attempts,
      backoff: { type: 'exponential', delay: settings.backoffMs },
      removeOnComplete: { count: 5000 },
      removeOnFail: { count: 20_000 },
    });
    this.scans = factory.queue(QueueNames.reminderScheduler, {
      removeOnComplete: { count: 50 },
      removeOnFail: { count: 200 },
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.deliveries.close(), this.scans.close()]);
  }
}
