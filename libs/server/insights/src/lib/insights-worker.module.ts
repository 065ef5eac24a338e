import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QueueNames } from '@followthrough/server-core';
import { IdentityModule } from '@followthrough/server-identity';
import { INSIGHTS_SETTINGS, InsightsSettings, loadInsightsSettings } from './insights-settings';
import { ClientRollups } from './services/client-rollups.service';

const REFRESH_SCHEDULER_ID = 'insights-rollups-refresh';

/** Recomputes the rollups whose time-dependent facts are due; one pass at a time (concurrency 1). */
@Processor(QueueNames.insights, { concurrency: 1 })
export class InsightsRefreshProcessor extends WorkerHost {
  constructor(private readonly rollups: ClientRollups) {
    super();
  }

  async process(): Promise<{ refreshed: number }> {
    return { refreshed: await this.rollups.refreshDue() };
  }
}

/** Puts the repeating pass on a BullMQ job scheduler when the worker starts (one schedule however many workers). */
@Injectable()
export class InsightsRefreshSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('InsightsWorker');

  constructor(
    @InjectQueue(QueueNames.insights) private readonly queue: Queue,
    @Inject(INSIGHTS_SETTINGS) private readonly settings: InsightsSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      REFRESH_SCHEDULER_ID,
      { every: this.settings.refreshEveryMs },
      { name: 'refresh-due', opts: { removeOnComplete: 50, removeOnFail: 200 } },
    );
    this.logger.log(`Insights rollups refreshed every ${this.settings.refreshEveryMs} ms`);
  }
}

/** Worker side of insights: the scheduled pass over the rollups' time-dependent facts. */
@Module({
  imports: [IdentityModule, BullModule.registerQueue({ name: QueueNames.insights })],
  providers: [{ provide: INSIGHTS_SETTINGS, useFactory: () => loadInsightsSettings() }, ClientRollups, InsightsRefreshProcessor, InsightsRefreshSchedule],
  exports: [ClientRollups],
})
export class InsightsWorkerModule {}
