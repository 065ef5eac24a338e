import { NotificationMode, NotificationPreference } from './notification-preference.entity';
import { Reminder, ReminderRefs, ReminderSkipReason } from './reminder.entity';
import { ReminderDigest } from './reminder-digest.entity';

export { NotificationMode, NotificationPreference, Reminder, ReminderDigest, ReminderSkipReason };
export type { ReminderRefs };

export const REMINDERS_ENTITIES = [Reminder, ReminderDigest, NotificationPreference];
