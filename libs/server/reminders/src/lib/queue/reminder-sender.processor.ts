import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { isMailWithdrawn, runAsTenant } from '@followthrough/server-core';
import { DigestDeliveryService } from '../services/digest-delivery.service';
import { DeliveryOutcome, ReminderDeliveryService } from '../services/reminder-delivery.service';
import { ReminderJobs, SendDigestJob, SendReminderJob } from './reminder-jobs';

/** A job handed back at shutdown is due again this soon (for another worker, or this one restarted). */
const HAND_BACK_DELAY_MS = 1_000;

/**
 * Thin: hands `send` and `digest` jobs to the delivery services with the attempt number. A message
 * withdrawn before its final dot (shutdown) goes back to the queue without using up an attempt:
 * BullMQ's moveToDelayed skips the attempt count, and DelayedError tells the worker the job has moved.
 */
@Injectable()
export class ReminderSenderProcessor {
  private readonly logger = new Logger('ReminderSender');

  constructor(
    private readonly reminders: ReminderDeliveryService,
    private readonly digests: DigestDeliveryService,
  ) {}

  async process(job: Job, token?: string): Promise<DeliveryOutcome> {
    try {
      return await runAsTenant((job.data as SendReminderJob | SendDigestJob).agencyId, () => this.deliver(job));
    } catch (error) {
      if (!isMailWithdrawn(error) || !token) throw error;
      await job.moveToDelayed(Date.now() + HAND_BACK_DELAY_MS, token);
      this.logger.log(`Job ${job.id} handed back to the queue: ${(error as Error).message}`);
      throw new DelayedError();
    }
  }

  private deliver(job: Job): Promise<DeliveryOutcome> {
    const attempt = { attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 };
    switch (job.name) {
      case ReminderJobs.send:
        return this.reminders.deliver(job.data as SendReminderJob, attempt);
      case ReminderJobs.digest:
        return this.digests.deliver(job.data as SendDigestJob, attempt);
      default:
        throw new Error(`Unknown reminder job "${job.name}"`);
    }
  }
}
