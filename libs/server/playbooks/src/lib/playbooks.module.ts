import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@followthrough/server-identity';
import { PipelineModule } from '@followthrough/server-pipeline';
import { ReminderSchedulingModule } from '@followthrough/server-reminders';
import { CalendarFeedController } from './calendar/calendar-feed.controller';
import { CalendarFeedService } from './calendar/calendar-feed.service';
import { PLAYBOOKS_ENTITIES } from './entities';
import { StepLinkController } from './links/step-link.controller';
import { StepLinkService } from './links/step-link.service';
import { CalendarFeedResolver } from './resolvers/calendar-feed.resolver';
import { PlaybooksEventListeners } from './playbooks-events.listeners';
import { PlaybookResolver } from './resolvers/playbook.resolver';
import { CadenceService } from './services/cadence.service';
import { PlaybookService } from './services/playbook.service';
import { PlaybooksDataRights } from './services/playbooks-data-rights.service';
import { StepQueryService } from './services/step-query.service';
import { StepReminderScheduler } from './services/step-reminder-scheduler.service';
import { PlaybooksPolicy } from './playbooks.policy';

/** API side: playbooks, cadences driven by pipeline events, due steps and the calendar feed. */
@Module({
  imports: [TypeOrmModule.forFeature(PLAYBOOKS_ENTITIES), IdentityModule, PipelineModule, ReminderSchedulingModule],
  providers: [
    PlaybooksPolicy,
    PlaybookService,
    CadenceService,
    PlaybooksEventListeners,
    StepQueryService,
    StepReminderScheduler,
    CalendarFeedService,
    StepLinkService,
    PlaybookResolver,
    CalendarFeedResolver,
    PlaybooksDataRights,
  ],
  controllers: [CalendarFeedController, StepLinkController],
  exports: [PlaybookService, PlaybooksDataRights],
})
export class PlaybooksModule {}
