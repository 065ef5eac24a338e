import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationDirectory, PipelineModule } from '@followthrough/server-pipeline';
import { ReminderComposerRegistry, ReminderSchedulingModule } from '@followthrough/server-reminders';
import { stepDueComposer, stepOverdueComposer } from './composers/step-reminder.composers';
import { PLAYBOOKS_ENTITIES } from './entities';
import { STEP_DUE_KIND, STEP_OVERDUE_KIND } from './services/step-reminder-scheduler.service';

/** Worker side: the e-mails for due and ignored steps. */
@Module({
  imports: [TypeOrmModule.forFeature(PLAYBOOKS_ENTITIES), PipelineModule, ReminderSchedulingModule],
})
export class PlaybooksWorkerModule implements OnModuleInit {
  constructor(
    private readonly composers: ReminderComposerRegistry,
    private readonly applications: ApplicationDirectory,
  ) {}

  onModuleInit(): void {
    this.composers.register(STEP_DUE_KIND, stepDueComposer(this.applications));
    this.composers.register(STEP_OVERDUE_KIND, stepOverdueComposer(this.applications));
  }
}
