import { IdentityDirectory } from '@followthrough/server-identity';
import { ApplicationDirectory } from '@followthrough/server-pipeline';
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

/**
 * The coach's Monday e-mail: last week per client, and who needs a word first. Names come from
 * identity and follow-ups from the pipeline, each in one statement however many clients; the steps
 * are this context's own.
 */
export function caseloadSummaryComposer(
  identity: IdentityDirectory,
  applications: ApplicationDirectory,
): ReminderComposer {
  return {
    async compose(reminder, context): Promise<ComposeResult> {
      const coachId = reminder.recipientUserId;
      const since = new Date(reminder.dueAt.getTime() - 7 * 86_400_000);
      const scope = { agencyId: reminder.agencyId };
      const people = await identity.clientsOfCoach(reminder.agencyId, coachId, context.manager);
      if (people.length === 0) return 'skip';
      const ids = people.map((person) => person.userId);
      const activity = await applications.clientTouches(scope, ids, since, context.manager);
      const steps: { client_user_id: string; steps_done: number; steps_overdue: number }[] =
        await context.manager.query(
          `SELECT s.client_user_id,
              (count(*) FILTER (WHERE s.status = 'DONE' AND s.completed_at >= $3))::int AS steps_done,
              (count(*) FILTER (WHERE s.status = 'PENDING' AND s.due_at < $4))::int AS steps_overdue
         FROM step_instances s
        WHERE s.agency_id = $1 AND s.client_user_id = ANY($2::uuid[])
        GROUP BY s.client_user_id`,
          [reminder.agencyId, ids, since, reminder.dueAt],
        );
      const stepsOf = new Map(steps.map((row) => [row.client_user_id, row]));
      const clients: ClientWeek[] = people.map((person) => ({
        name: person.name,
        touches: activity.get(person.userId)?.touches ?? 0,
        beyond_email: activity.get(person.userId)?.beyondEmail ?? 0,
        steps_done: stepsOf.get(person.userId)?.steps_done ?? 0,
        steps_overdue: stepsOf.get(person.userId)?.steps_overdue ?? 0,
        last_touch_at: activity.get(person.userId)?.lastTouchAt ?? null,
      }));
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
}
