import { Module } from '@nestjs/common';
import { CoreModule, SystemWorkerModule } from '@followthrough/server-core';

@Module({
  imports: [CoreModule, SystemWorkerModule],
})
export class WorkerModule {}
