import { Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CoreModule, SystemWorkerModule } from '@followthrough/server-core';
import { InsightsWorkerModule } from '@followthrough/server-insights';
import { PlaybooksWorkerModule } from '@followthrough/server-playbooks';
import { ReminderComposerRegistry, RemindersWorkerModule } from '@followthrough/server-reminders';

@Module({
  imports: [CoreModule, SystemWorkerModule, RemindersWorkerModule, PlaybooksWorkerModule, InsightsWorkerModule],
})
export class WorkerModule implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  // The root module's init runs after every imported module's, so all composers are registered by
  // now, and before any queue worker starts: a reminder kind without a composer stops the boot here
  // instead of failing each reminder of that kind when it falls due.
  onModuleInit(): void {
    this.moduleRef.get(ReminderComposerRegistry, { strict: false }).assertComplete();
  }
}
