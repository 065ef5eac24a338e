import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@followthrough/server-identity';
import { ReminderComposerRegistry } from './composers/reminder-composer.registry';
import { REMINDERS_ENTITIES } from './entities';
import { REMINDER_SETTINGS, loadReminderSettings } from './reminder-settings';
import { NotificationPreferenceService } from './services/notification-preference.service';
import { ReminderService } from './services/reminder.service';
import { MailRefusalService } from './services/mail-refusal.service';
import { RemindersDataRights } from './services/reminders-data-rights.service';

/**
 * What other contexts import, in the API and in the worker: ReminderService (schedule, cancel),
 * ReminderComposerRegistry (register the e-mail for a kind) and preferences.
 */
@Module({
  imports: [TypeOrmModule.forFeature(REMINDERS_ENTITIES), IdentityModule],
  providers: [
    { provide: REMINDER_SETTINGS, useFactory: () => loadReminderSettings() },
    ReminderService,
    ReminderComposerRegistry,
    NotificationPreferenceService,
    MailRefusalService,
    RemindersDataRights,
  ],
  exports: [
    REMINDER_SETTINGS,
    ReminderService,
    ReminderComposerRegistry,
    NotificationPreferenceService,
    MailRefusalService,
    RemindersDataRights,
    IdentityModule,
  ],
})
export class ReminderSchedulingModule {}
