import { FollowUpChannel, FollowUpPurpose, StepStatus } from '@followthrough/shared-domain';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ApplicationDirectory, ApplicationSummary } from '@followthrough/server-pipeline';
import { ComposeResult, ReminderComposer, ReminderToCompose } from '@followthrough/server-reminders';
import type { EntityManager } from 'typeorm';
import { StepInstance } from '../entities/step-instance.entity';
import { LOG_FOLLOW_UP_PATH } from '../links/step-link.controller';
import { LOG_FOLLOW_UP_PURPOSE } from '../links/step-link.service';
import { dueWording } from './due-wording';

const CHANNEL_WORDS: Record<FollowUpChannel, string> = {
  [FollowUpChannel.PHONE]: 'Call',
  [FollowUpChannel.IN_PERSON]: 'Visit',
  [FollowUpChannel.SALES_LINE]: 'Ring the main or Sales line of',
  [FollowUpChannel.EMAIL]: 'E-mail',
  [FollowUpChannel.LINKEDIN]: 'Message on LinkedIn',
};

const PURPOSE_WORDS: Record<FollowUpPurpose, string> = {
  [FollowUpPurpose.STATUS_CHECK]: 'to ask where your application stands',
  [FollowUpPurpose.PROCESS_INFO]: 'to ask about the hiring process',
  [FollowUpPurpose.FEEDBACK_REQUEST]: 'to ask for feedback',
  [FollowUpPurpose.FIND_CONTACT]: 'to find out who recruits for this role',
  [FollowUpPurpose.THANK_YOU]: 'to say thank you',
};

function firstName(name: string): string {
  return name.split(/\s+/)[0] || name;
}

function whomToCall(application: ApplicationSummary): string {
  const lines: string[] = [];
  if (application.phoneContact)
    lines.push(
      `Ask for: ${application.phoneContact.name} (${application.phoneContact.role.toLowerCase().replace(/_/g, ' ')})`,
    );
  if (application.companyMainPhone) lines.push(`Main line: ${application.companyMainPhone}`);
  if (application.companySalesPhone) lines.push(`Sales line: ${application.companySalesPhone}`);
  if (application.companyDomain) lines.push(`Website: https://${application.companyDomain}`);
  return lines.length > 0 ? lines.join('\n') : 'No number on file yet: start from the company website.';
}

async function load(reminder: ReminderToCompose, manager: EntityManager, applications: ApplicationDirectory) {
  const stepId = reminder.refs['stepInstanceId'];
  const step = stepId ? await manager.findOneBy(StepInstance, { agencyId: reminder.agencyId, id: stepId }) : null;
  if (!step || step.status !== StepStatus.PENDING) return null;
  const application = (
    await applications.summariesByIds({ agencyId: reminder.agencyId }, [step.applicationId], manager)
  ).get(step.applicationId);
  return application ? { step, application } : null;
}

/** The client's e-mail: what to do today, whom to call, a short script and a link to log it. */
export function stepDueComposer(applications: ApplicationDirectory): ReminderComposer {
  return {
    async compose(reminder, context): Promise<ComposeResult> {
      const loaded = await load(reminder, context.manager, applications);
      if (!loaded) return 'skip';
      const { step, application } = loaded;
      const action = `${CHANNEL_WORDS[step.channel]} ${application.companyName} ${PURPOSE_WORDS[step.purpose]}`;
      const logUrl = context.signedUrl(`/${LOG_FOLLOW_UP_PATH}`, LOG_FOLLOW_UP_PURPOSE, {
        stepInstanceId: step.id,
        applicationId: application.id,
      });
      const due = dueWording(step.dueAt, context.now, context.recipient.timezone);
      return {
        subject: `${due.label}: ${action.charAt(0).toLowerCase()}${action.slice(1)} (${application.title})`,
        text:
          `Hello ${firstName(context.recipient.name)},\n\n` +
          `Your follow-up step for "${application.title}" at ${application.companyName} ${due.sentence}.\n\n` +
          `${action}.\n\n${whomToCall(application)}\n\n` +
          `How to go about it:\n${step.instructions}\n\n` +
          `When it is done, log how it went (no sign-in needed):\n${logUrl}\n`,
      };
    },
  };
}

/** The coach's warning: a client has left a step undone for two business days without any touch. */
export function stepOverdueComposer(applications: ApplicationDirectory, identity: IdentityDirectory): ReminderComposer {
  return {
    async compose(reminder, context): Promise<ComposeResult> {
      const loaded = await load(reminder, context.manager, applications);
      if (!loaded) return 'skip';
      const { step, application } = loaded;
      // Any touch since the step fell due means the client is on it, even if not the way planned.
      if (application.lastTouchAt && application.lastTouchAt.getTime() >= step.dueAt.getTime()) return 'skip';
      // Coaches change: only a coach who follows the client today hears about them.
      const coaches = await identity.coachIdsOf(reminder.agencyId, application.clientUserId, context.manager);
      if (!coaches.includes(reminder.recipientUserId)) return 'skip';
      const [client] = await identity.people(reminder.agencyId, [application.clientUserId], context.manager);
      const clientName = client?.name ?? 'Your client';
      return {
        subject: `${clientName} has not followed up with ${application.companyName}`,
        text:
          `Hello ${firstName(context.recipient.name)},\n\n` +
          `${clientName}'s step "${step.stepKey}" for "${application.title}" at ${application.companyName} ` +
          `was due ${step.dueAt.toISOString().slice(0, 10)} and nothing has been logged since.\n\n` +
          `Planned: ${CHANNEL_WORDS[step.channel]} ${application.companyName} ${PURPOSE_WORDS[step.purpose]}.\n\n` +
          `A short call with them about what is in the way usually helps.\n` +
          `${context.signedUrl('/', 'open', { clientUserId: application.clientUserId })}\n`,
      };
    },
  };
}
