import { Module } from '@nestjs/common';
import { CoreModule, SystemWorkerModule } from '@followthrough/server-core';
import { RemindersWorkerModule } from '@followthrough/server-reminders';

@Module({
  imports: [CoreModule, SystemWorkerModule, RemindersWorkerModule],
})
export class WorkerModule {}
