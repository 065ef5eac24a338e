import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QueueNames } from './queue-names';

/** Answers heartbeat jobs so that operators can see a worker is consuming. */
@Processor(QueueNames.system)
export class SystemProcessor extends WorkerHost {
  private readonly logger = new Logger(SystemProcessor.name);

  async process(job: Job): Promise<{ handledAt: string }> {
    this.logger.debug(`Handled ${job.name} ${job.id}`);
    return { handledAt: new Date().toISOString() };
  }

  @OnWorkerEvent('ready')
  onReady(): void {
    this.logger.log('Worker ready: consuming the system queue');
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error(`Queue worker error: ${error.message}`);
  }
}
