import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { DigestDeliveryService } from '../services/digest-delivery.service';
import { DeliveryOutcome, ReminderDeliveryService } from '../services/reminder-delivery.service';
import { ReminderJobs, SendDigestJob, SendReminderJob } from './reminder-jobs';

/** Thin: hands `send` and `digest` jobs to the delivery services with the attempt number. */
@Injectable()
export class ReminderSenderProcessor {
  constructor(
    private readonly reminders: ReminderDeliveryService,
    private readonly digests: DigestDeliveryService,
  ) {}

  process(job: Job): Promise<DeliveryOutcome> {
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
