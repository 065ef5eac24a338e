import { Module } from '@nestjs/common';
import { CoreModule, SystemWorkerModule } from '@followthrough/server-core';
import { InsightsWorkerModule } from '@followthrough/server-insights';
import { PlaybooksWorkerModule } from '@followthrough/server-playbooks';
import { RemindersWorkerModule } from '@followthrough/server-reminders';

@Module({
  imports: [CoreModule, SystemWorkerModule, RemindersWorkerModule, PlaybooksWorkerModule, InsightsWorkerModule],
})
export class WorkerModule {}
