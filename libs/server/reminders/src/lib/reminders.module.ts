import { Module } from '@nestjs/common';
import { DevMailboxModule } from '@followthrough/server-core';
import { NotificationLinksController } from './http/notification-links.controller';
import { ReminderSchedulingModule } from './reminder-scheduling.module';
import { ReminderAccessPolicy } from './reminders.policy';
import { NotificationPreferenceResolver } from './resolvers/notification-preference.resolver';
import { ReminderResolver } from './resolvers/reminder.resolver';
import { ReminderQueryService } from './services/reminder-query.service';
import { ReminderRetryService } from './services/reminder-retry.service';

/** API side: the `reminders` list, notification preferences, the e-mail link pages and the dev mailbox. */
@Module({
  imports: [ReminderSchedulingModule, DevMailboxModule],
  providers: [
    ReminderAccessPolicy,
    ReminderQueryService,
    ReminderRetryService,
    ReminderResolver,
    NotificationPreferenceResolver,
  ],
  controllers: [NotificationLinksController],
  exports: [ReminderSchedulingModule],
})
export class RemindersModule {}
