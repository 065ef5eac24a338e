import { BEYOND_EMAIL_CHANNELS } from '@followthrough/shared-domain';
import { ComposeResult, ReminderComposer } from '@followthrough/server-reminders';

interface ClientWeek {
  name: string;
  touches: number;
  beyond_email: number;
  steps_done: number;
  steps_overdue: number;
  last_touch_at: Date | null;
}

function firstName(name: string): string {
  return name.split(/\s+/)[0] || name;
}

/** The coach's Monday e-mail: last week per client, and who needs a word first. */
export const caseloadSummaryComposer: ReminderComposer = {
  async compose(reminder, context): Promise<ComposeResult> {
    const coachId = reminder.recipientUserId;
    const since = new Date(reminder.dueAt.getTime() - 7 * 86_400_000);
    // One statement for the whole caseload, however many clients.
    const clients: ClientWeek[] = await context.manager.query(
      `SELECT u.name,
              (SELECT count(*)::int FROM follow_ups f WHERE f.agency_id = ca.agency_id AND f.client_user_id = ca.client_user_id AND f.occurred_at >= $3) AS touches,
              (SELECT count(*)::int FROM follow_ups f WHERE f.agency_id = ca.agency_id AND f.client_user_id = ca.client_user_id AND f.occurred_at >= $3
                  AND f.channel = ANY($5::varchar[])) AS beyond_email,
              (SELECT count(*)::int FROM step_instances s WHERE s.agency_id = ca.agency_id AND s.client_user_id = ca.client_user_id
                  AND s.status = 'DONE' AND s.completed_at >= $3) AS steps_done,
              (SELECT count(*)::int FROM step_instances s WHERE s.agency_id = ca.agency_id AND s.client_user_id = ca.client_user_id
                  AND s.status = 'PENDING' AND s.due_at < $4) AS steps_overdue,
              (SELECT max(f.occurred_at) FROM follow_ups f WHERE f.agency_id = ca.agency_id AND f.client_user_id = ca.client_user_id) AS last_touch_at
         FROM coach_assignments ca
         JOIN users u ON u.id = ca.client_user_id
        WHERE ca.agency_id = $1 AND ca.coach_user_id = $2
        ORDER BY u.name`,
      [reminder.agencyId, coachId, since, reminder.dueAt, BEYOND_EMAIL_CHANNELS],
    );
    if (clients.length === 0) return 'skip';
    const needsYou = clients.filter((client) => client.steps_overdue > 0 || client.touches === 0);
    const touches = clients.reduce((sum, client) => sum + client.touches, 0);
    const beyond = clients.reduce((sum, client) => sum + client.beyond_email, 0);
    const lines = clients.map(
      (client) =>
        `- ${client.name}: ${client.touches} touch(es), ${client.beyond_email} by phone or in person, ` +
        `${client.steps_done} step(s) done, ${client.steps_overdue} overdue` +
        (client.last_touch_at ? '' : ', nothing logged yet'),
    );
    return {
      subject: `Your week ahead: ${needsYou.length} of ${clients.length} client(s) need a word`,
      text:
        `Hello ${firstName(context.recipient.name)},\n\n` +
        `Last week your ${clients.length} client(s) logged ${touches} follow-up touch(es), ` +
        `${touches === 0 ? 0 : Math.round((beyond / touches) * 100)}% of them beyond e-mail.\n\n` +
        (needsYou.length > 0
          ? `Start with: ${needsYou.map((client) => client.name).join(', ')}.\n\n`
          : 'Everyone is moving. Nice.\n\n') +
        `${lines.join('\n')}\n\n${context.signedUrl('/', 'open', {})}\n`,
    };
  },
};
