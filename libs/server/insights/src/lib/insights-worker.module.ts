import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { QueueFactory, QueueNames } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { INSIGHTS_SETTINGS, InsightsSettings, loadInsightsSettings } from './insights-settings';
import { InsightsEventListeners } from './insights-events.listeners';
import { ClientRollups } from './services/client-rollups.service';

/** The one BullMQ job scheduler of the rollups' pass, whatever the number of worker processes. */
export const ROLLUP_REFRESH_SCHEDULER_ID = 'insights-rollups-refresh';

/**
 * Recomputes the rollups whose time-dependent facts are due (ClientRollups.refreshDue) from a BullMQ job
 * scheduler: every worker upserts the same scheduler, so N workers still run one pass per period, one at a time.
 */
@Injectable()
export class InsightsRefreshSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('InsightsWorker');
  private queue: Queue | null = null;
  private worker: Worker | null = null;

  constructor(
    private readonly rollups: ClientRollups,
    private readonly queues: QueueFactory,
    @Inject(INSIGHTS_SETTINGS) private readonly settings: InsightsSettings,
  ) {}

  /** The queue the pass runs on (tests read its schedulers). */
  get passes(): Queue | null {
    return this.queue;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.queue = this.queues.queue(QueueNames.insights, {
      removeOnComplete: { count: 50 },
      removeOnFail: { count: 200 },
    });
    await this.queue.upsertJobScheduler(
      ROLLUP_REFRESH_SCHEDULER_ID,
      { every: this.settings.refreshEveryMs },
      { name: 'refresh-due-rollups' },
    );
    this.worker = this.queues.worker(
      QueueNames.insights,
      async () => ({ refreshed: await this.rollups.refreshDue() }),
      { concurrency: 1 },
    );
    this.worker.on('failed', (_job, error) =>
      this.logger.error(`Refreshing the insights rollups failed: ${error.message}`),
    );
    this.worker.on('error', (error) => this.logger.error(`${QueueNames.insights}: ${error.message}`));
    this.logger.log(`Insights rollups refreshed every ${this.settings.refreshEveryMs} ms`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}

/** Worker side of insights: the scheduled pass over the rollups' time-dependent facts. */
@Module({
  imports: [IdentityModule],
  providers: [
    { provide: INSIGHTS_SETTINGS, useFactory: () => loadInsightsSettings() },
    ClientRollups,
    InsightsEventListeners,
    InsightsRefreshSchedule,
  ],
  exports: [ClientRollups],
})
export class InsightsWorkerModule {}
