import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addBusinessDays, ReminderKind, ReminderKinds } from '@followthrough/shared-domain';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ReminderService, ScheduleReminderInput } from '@followthrough/server-reminders';
import { StepInstance } from '../entities/step-instance.entity';

export const STEP_DUE_KIND: ReminderKind = ReminderKinds.STEP_DUE;
export const STEP_OVERDUE_KIND: ReminderKind = ReminderKinds.STEP_OVERDUE;

/** Business days a step may stay undone before the client's coach hears about it. */
export const ESCALATE_AFTER_BUSINESS_DAYS = 2;

/**
 * For each new or moved step: one reminder to the client when it is due and one to each of their
 * coaches if it is still undone two business days later. The composers skip a reminder whose step
 * has been done or cancelled by then, so nothing needs chasing when plans change.
 */
@Injectable()
export class StepReminderScheduler {
  constructor(
    private readonly reminders: ReminderService,
    private readonly identity: IdentityDirectory,
  ) {}

  /** `fresh`: the steps were just created, so they have no earlier reminders to replace. */
  async scheduleFor(steps: StepInstance[], manager: EntityManager, options: { fresh?: boolean } = {}): Promise<void> {
    if (steps.length === 0) return;
    const { agencyId, clientUserId } = steps[0];
    const calendar = await this.identity.calendarOf(agencyId, manager);
    const coachIds = await this.identity.coachIdsOf(agencyId, clientUserId, manager);
    const wanted: ScheduleReminderInput[] = [];
    for (const step of steps) {
      const refs = { stepInstanceId: step.id, applicationId: step.applicationId };
      const version = step.dueAt.getTime();
      const escalateAt = addBusinessDays(step.dueAt, ESCALATE_AFTER_BUSINESS_DAYS, calendar);
      const forStep: ScheduleReminderInput[] = [
        {
          agencyId,
          refs,
          kind: STEP_DUE_KIND,
          recipientUserId: clientUserId,
          dueAt: step.dueAt,
          idempotencyKey: `step:${step.id}:due:${version}`,
        },
        ...coachIds.map((coachId) => ({
          agencyId,
          refs,
          kind: STEP_OVERDUE_KIND,
          recipientUserId: coachId,
          dueAt: escalateAt,
          idempotencyKey: `step:${step.id}:overdue:${coachId}:${version}`,
        })),
      ];
      // A moved step (the silence clock restarted) replaces its earlier reminders; one whose due time
      // came out the same (two touches on one day) keeps them.
      if (!options.fresh) {
        await this.reminders.cancelByRefs(
          manager,
          agencyId,
          { stepInstanceId: step.id },
          forStep.map((reminder) => reminder.idempotencyKey),
        );
      }
      wanted.push(...forStep);
    }
    // One INSERT for all of them.
    await this.reminders.scheduleAll(manager, wanted);
  }
}
