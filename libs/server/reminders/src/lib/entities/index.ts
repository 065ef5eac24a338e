import { NotificationMode, NotificationPreference } from './notification-preference.entity';
import { Reminder, ReminderRefs, ReminderSkipReason, ReminderTiming } from './reminder.entity';
import { MailRefusal } from './mail-refusal.entity';
import { ReminderDigest } from './reminder-digest.entity';

export { MailRefusal, NotificationMode, NotificationPreference, Reminder, ReminderDigest, ReminderSkipReason };
export type { ReminderRefs, ReminderTiming };

export const REMINDERS_ENTITIES = [Reminder, ReminderDigest, NotificationPreference, MailRefusal];
