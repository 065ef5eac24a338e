import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ApplicationDirectory, PipelineModule } from '@followthrough/server-pipeline';
import { ReminderComposerRegistry, ReminderSchedulingModule } from '@followthrough/server-reminders';
import { caseloadSummaryComposer } from './composers/caseload-summary.composer';
import { stepDueComposer, stepOverdueComposer } from './composers/step-reminder.composers';
import { PLAYBOOKS_ENTITIES } from './entities';
import { CASELOAD_SUMMARY_KIND, CaseloadSummaryPlanner } from './services/caseload-summary-planner.service';
import { STEP_DUE_KIND, STEP_OVERDUE_KIND } from './services/step-reminder-scheduler.service';

/** Worker side: the e-mails for due and ignored steps, and coaches' weekly caseload summary. */
@Module({
  imports: [TypeOrmModule.forFeature(PLAYBOOKS_ENTITIES), PipelineModule, ReminderSchedulingModule],
  providers: [CaseloadSummaryPlanner],
})
export class PlaybooksWorkerModule implements OnModuleInit {
  constructor(
    private readonly composers: ReminderComposerRegistry,
    private readonly applications: ApplicationDirectory,
    private readonly identity: IdentityDirectory,
  ) {}

  onModuleInit(): void {
    this.composers.register(STEP_DUE_KIND, stepDueComposer(this.applications));
    this.composers.register(STEP_OVERDUE_KIND, stepOverdueComposer(this.applications, this.identity));
    this.composers.register(CASELOAD_SUMMARY_KIND, caseloadSummaryComposer(this.identity, this.applications));
  }
}
