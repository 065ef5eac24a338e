import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { QueueFactory } from '../queue/queue-factory';
import { QueueNames } from '../queue/queue-names';
import { AuditService } from './audit.service';

const EVERY_MS = 60 * 60 * 1000;
/** The one BullMQ job scheduler of the retention pass, however many worker processes upsert it. */
export const AUDIT_RETENTION_SCHEDULER_ID = 'audit-retention';

/**
 * Deletes audit events past AUDIT_RETENTION_DAYS, at start-up and hourly, from a BullMQ job
 * scheduler like the other recurring work: one pass per period whatever the number of workers.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditRetention');
  private queue: Queue | null = null;
  private worker: Worker | null = null;

  constructor(
    private readonly audit: AuditService,
    private readonly queues: QueueFactory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue = this.queues.queue(QueueNames.maintenance, {
      removeOnComplete: { count: 50 },
      removeOnFail: { count: 200 },
    });
    if (this.config.auditRetentionDays === 0) {
      // Retention switched off: a scheduler left from an earlier setting must not go on deleting.
      await this.queue.removeJobScheduler(AUDIT_RETENTION_SCHEDULER_ID);
      return;
    }
    await this.queue.upsertJobScheduler(
      AUDIT_RETENTION_SCHEDULER_ID,
      { every: EVERY_MS },
      { name: 'prune-audit-events' },
    );
    this.worker = this.queues.worker(
      QueueNames.maintenance,
      async () => ({ deleted: await this.audit.prune(this.config.auditRetentionDays) }),
      { concurrency: 1 },
    );
    this.worker.on('failed', (_job, error) => this.logger.warn(`Audit retention pass failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`${QueueNames.maintenance}: ${error.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}
