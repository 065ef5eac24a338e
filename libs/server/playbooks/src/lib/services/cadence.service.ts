import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { addBusinessDays, ApplicationStage, BUSINESS_MORNING, BusinessCalendar, StepStatus } from '@followthrough/shared-domain';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ApplicationDirectory, PipelineEvents } from '@followthrough/server-pipeline';
import { CadenceEvent, CadencePlan, planCadence } from '../cadence/cadence-planner';
import { StepTrigger } from '../cadence/playbook-step';
import { Cadence } from '../entities/cadence.entity';
import { PlaybookVersion } from '../entities/playbook-version.entity';
import { StepInstance } from '../entities/step-instance.entity';
import { PlaybookService } from './playbook.service';
import { StepReminderScheduler } from './step-reminder-scheduler.service';

interface ApplicationRef {
  agencyId: string;
  applicationId: string;
  clientUserId: string;
}

/** Keeps each application's cadence in step with its pipeline, inside the pipeline's own transaction. */
@Injectable()
export class CadenceService implements OnModuleInit {
  constructor(
    private readonly events: PipelineEvents,
    private readonly applications: ApplicationDirectory,
    private readonly identity: IdentityDirectory,
    private readonly playbooks: PlaybookService,
    private readonly reminders: StepReminderScheduler,
  ) {}

  onModuleInit(): void {
    this.events.onStageChanged((event, manager) =>
      this.apply(event, { type: 'STAGE_CHANGED', to: event.toStage, at: event.occurredAt }, manager),
    );
    this.events.onFollowUpLogged((event, manager) =>
      this.apply(
        event,
        {
          type: 'FOLLOW_UP_LOGGED',
          followUpId: event.followUpId,
          channel: event.channel,
          purpose: event.purpose,
          direction: event.direction,
          outcome: event.outcome,
          at: event.occurredAt,
        },
        manager,
      ),
    );
    this.events.onNoReachableContact((event, manager) => this.apply(event, { type: 'NO_REACHABLE_CONTACT', at: event.occurredAt }, manager));
  }

  private async apply(ref: ApplicationRef, event: CadenceEvent, manager: EntityManager): Promise<void> {
    const { agencyId, applicationId } = ref;
    const cadence = await manager.findOne(Cadence, {
      where: { agencyId, applicationId, stoppedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    const pending = cadence
      ? await manager.find(StepInstance, { where: { agencyId, cadenceId: cadence.id, status: StepStatus.PENDING } })
      : [];
    const version = cadence
      ? await manager.findOneByOrFail(PlaybookVersion, { agencyId, id: cadence.playbookVersionId })
      : await this.playbooks.versionForClient(agencyId, ref.clientUserId, manager);
    const callRetries = cadence
      ? await manager.count(StepInstance, { where: { agencyId, cadenceId: cadence.id, trigger: StepTrigger.NO_ANSWER } })
      : 0;
    const summary = (await this.applications.summariesByIds({ agencyId }, [applicationId], manager)).get(applicationId);
    // An application logged after the fact: its cadence counts from the day it was sent.
    if (event.type === 'STAGE_CHANGED' && event.to === ApplicationStage.APPLIED && summary?.appliedAt) {
      event = { ...event, at: summary.appliedAt };
    }
    const plan = planCadence(event, {
      steps: version.steps,
      facts: { hasPhoneContact: summary?.hasPhoneContact ?? false },
      pending,
      callRetries,
      running: cadence !== null,
    });
    await this.carryOut(plan, ref, cadence, version, manager);
  }

  private async carryOut(plan: CadencePlan, ref: ApplicationRef, running: Cadence | null, version: PlaybookVersion, manager: EntityManager) {
    const { agencyId } = ref;
    let cadence = running;
    if (plan.start && !cadence) {
      cadence = await manager.save(
        manager.create(Cadence, { agencyId, applicationId: ref.applicationId, clientUserId: ref.clientUserId, playbookVersionId: version.id, stoppedAt: null, stopReason: null }),
      );
    }
    if (!cadence) return;

    const now = new Date();
    if (plan.complete) {
      await manager.update(
        StepInstance,
        { agencyId, id: plan.complete.stepInstanceId },
        { status: StepStatus.DONE, completedAt: now, followUpId: plan.complete.followUpId },
      );
    }
    if (plan.cancel.length > 0) {
      await manager.update(StepInstance, { agencyId, id: In(plan.cancel), status: StepStatus.PENDING }, { status: StepStatus.CANCELLED, completedAt: now });
    }

    let businessTime: { calendar: BusinessCalendar; timeZone: string } | null = null;
    // Steps fall due at 09:00 in the client's own zone, counted on the agency's calendar.
    const dueAfter = async (from: Date, days: number) => {
      if (!businessTime) {
        const calendar = await this.identity.calendarOf(agencyId, manager);
        const [client] = await this.identity.people(agencyId, [ref.clientUserId], manager);
        businessTime = { calendar, timeZone: client?.timezone ?? calendar.timezone };
      }
      return addBusinessDays(from, days, businessTime.calendar, { timeZone: businessTime.timeZone, at: BUSINESS_MORNING });
    };

    const created: StepInstance[] = [];
    for (const { step, from } of plan.create) {
      created.push(
        await manager.save(
          manager.create(StepInstance, {
            agencyId,
            cadenceId: cadence.id,
            applicationId: ref.applicationId,
            clientUserId: ref.clientUserId,
            stepKey: step.key,
            trigger: step.trigger,
            channel: step.channel,
            purpose: step.purpose,
            instructions: step.instructions,
            dueAt: await dueAfter(from, step.offsetBusinessDays),
            status: StepStatus.PENDING,
            completedAt: null,
            followUpId: null,
          }),
        ),
      );
    }
    const rescheduled: StepInstance[] = [];
    for (const { stepInstanceId, stepKey, from } of plan.restartSilence) {
      const offset = version.steps.find((step) => step.key === stepKey)?.offsetBusinessDays;
      if (offset === undefined) continue;
      await manager.update(StepInstance, { agencyId, id: stepInstanceId }, { dueAt: await dueAfter(from, offset) });
      rescheduled.push(await manager.findOneByOrFail(StepInstance, { agencyId, id: stepInstanceId }));
    }

    const remaining = await manager.count(StepInstance, { where: { agencyId, cadenceId: cadence.id, status: StepStatus.PENDING } });
    if (plan.stop || remaining === 0) {
      await manager.update(Cadence, { agencyId, id: cadence.id }, { stoppedAt: now, stopReason: plan.stop });
    }
    await this.reminders.scheduleFor([...created, ...rescheduled], manager);
  }
}
