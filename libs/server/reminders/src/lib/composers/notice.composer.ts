import { ReminderKind, ReminderKinds } from '@followthrough/shared-domain';
import { ReminderComposer } from './reminder-composer';

/** The built-in kind: a plain nudge to open the dashboard. Useful for tests and operators' checks. */
export const NOTICE_KIND: ReminderKind = ReminderKinds.NOTICE;

export const noticeComposer: ReminderComposer = {
  async compose(reminder, context) {
    const firstName = context.recipient.name.split(/\s+/)[0] || context.recipient.name;
    return {
      subject: 'A follow-up step is due',
      text:
        `Hello ${firstName},\n\n` +
        `You have a follow-up step due today. Open Followthrough to see what to do next:\n` +
        `${context.signedUrl('/', 'open', { reminderId: reminder.id })}\n`,
    };
  },
};
