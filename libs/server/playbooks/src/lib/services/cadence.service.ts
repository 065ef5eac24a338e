import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addBusinessDays, ApplicationStage, BUSINESS_MORNING, StepStatus } from '@followthrough/shared-domain';
import { ClientCircle, IdentityDirectory } from '@followthrough/server-identity';
import { ApplicationDirectory } from '@followthrough/server-pipeline';
import { CadenceEvent, CadencePlan, PendingStep, planCadence } from '../cadence/cadence-planner';
import { PlaybookStep, StepTrigger } from '../cadence/playbook-step';
import { Cadence } from '../entities/cadence.entity';
import { StepInstance } from '../entities/step-instance.entity';
import { PlaybookService } from './playbook.service';
import { StepReminderScheduler } from './step-reminder-scheduler.service';

export interface ApplicationRef {
  agencyId: string;
  applicationId: string;
  clientUserId: string;
}

/** What the planner needs of a running cadence. */
interface RunningCadence {
  id: string;
  versionId: string;
  steps: PlaybookStep[];
  pending: PendingStep[];
  callRetries: number;
}

interface CadenceRow {
  id: string;
  playbook_version_id: string;
  version_steps: PlaybookStep[];
  instances: {
    id: string;
    step_key: string;
    trigger: StepTrigger;
    channel: PendingStep['channel'];
    purpose: PendingStep['purpose'];
    due_at: string;
    status: StepStatus;
  }[];
}

interface WrittenStepRow {
  id: string;
  application_id: string;
  client_user_id: string;
  due_at: Date;
  moved: boolean;
}

/**
 * Keeps each application's cadence in step with its pipeline, inside the pipeline's own transaction.
 * A follow-up costs a constant handful of statements whatever the agency's history: the running cadence,
 * its version and its steps in one read (by `step_instances_cadence_idx`), and the whole plan — steps
 * done, cancelled, moved and created, the cadence stopped — in one write.
 */
@Injectable()
export class CadenceService {
  constructor(
    private readonly applications: ApplicationDirectory,
    private readonly identity: IdentityDirectory,
    private readonly playbooks: PlaybookService,
    private readonly reminders: StepReminderScheduler,
  ) {}

  /** Moves the application's cadence on by one pipeline event (playbooks-events.listeners.ts calls it). */
  async apply(ref: ApplicationRef, event: CadenceEvent, manager: EntityManager): Promise<void> {
    const { agencyId, applicationId } = ref;
    const running = await this.running(agencyId, applicationId, manager);
    const version = running
      ? { id: running.versionId, steps: running.steps }
      : await this.playbooks.versionForClient(agencyId, ref.clientUserId, manager);
    const summary = (await this.applications.summariesByIds({ agencyId }, [applicationId], manager)).get(applicationId);
    // An application logged after the fact: its cadence counts from the day it was sent.
    if (event.type === 'STAGE_CHANGED' && event.to === ApplicationStage.APPLIED && summary?.appliedAt) {
      event = { ...event, at: summary.appliedAt };
    }
    const plan = planCadence(event, {
      steps: version.steps,
      facts: { hasPhoneContact: summary?.hasPhoneContact ?? false },
      pending: running?.pending ?? [],
      callRetries: running?.callRetries ?? 0,
      running: running !== null,
    });
    await this.carryOut(plan, ref, running, version, manager);
  }

  /** The application's running cadence (locked), its version's steps and its step instances, in one statement. */
  private async running(
    agencyId: string,
    applicationId: string,
    manager: EntityManager,
  ): Promise<RunningCadence | null> {
    const rows: CadenceRow[] = await manager.query(
      `SELECT c.id, c.playbook_version_id, v.steps AS version_steps,
              COALESCE((SELECT json_agg(json_build_object('id', s.id, 'step_key', s.step_key, 'trigger', s.trigger, 'channel', s.channel,
                                                          'purpose', s.purpose, 'due_at', s.due_at, 'status', s.status))
                          FROM step_instances s WHERE s.agency_id = c.agency_id AND s.cadence_id = c.id), '[]'::json) AS instances
         FROM cadences c
         JOIN playbook_versions v ON v.agency_id = c.agency_id AND v.id = c.playbook_version_id
        WHERE c.agency_id = $1 AND c.application_id = $2 AND c.stopped_at IS NULL
          FOR UPDATE OF c`,
      [agencyId, applicationId],
    );
    const [row] = rows;
    if (!row) return null;
    return {
      id: row.id,
      versionId: row.playbook_version_id,
      steps: row.version_steps,
      pending: row.instances
        .filter((step) => step.status === StepStatus.PENDING)
        .map((step) => ({
          id: step.id,
          stepKey: step.step_key,
          trigger: step.trigger,
          channel: step.channel,
          purpose: step.purpose,
          dueAt: new Date(step.due_at),
        })),
      callRetries: row.instances.filter((step) => step.trigger === StepTrigger.NO_ANSWER).length,
    };
  }

  private async carryOut(
    plan: CadencePlan,
    ref: ApplicationRef,
    running: RunningCadence | null,
    version: { id: string; steps: PlaybookStep[] },
    manager: EntityManager,
  ) {
    const { agencyId } = ref;
    let cadenceId = running?.id ?? null;
    if (plan.start && !cadenceId) {
      const started = await manager.save(
        manager.create(Cadence, {
          agencyId,
          applicationId: ref.applicationId,
          clientUserId: ref.clientUserId,
          playbookVersionId: version.id,
          stoppedAt: null,
          stopReason: null,
        }),
      );
      cadenceId = started.id;
    }
    if (!cadenceId) return;

    // Steps fall due at 09:00 in the client's own zone, counted on the agency's calendar.
    let circle: ClientCircle | null = null;
    const dueAfter = async (from: Date, days: number) => {
      circle ??= await this.identity.clientCircle(agencyId, ref.clientUserId, manager);
      return addBusinessDays(from, days, circle.calendar, {
        timeZone: circle.client?.timezone ?? circle.calendar.timezone,
        at: BUSINESS_MORNING,
      });
    };
    const created: { step: PlaybookStep; dueAt: Date }[] = [];
    for (const { step, from } of plan.create)
      created.push({ step, dueAt: await dueAfter(from, step.offsetBusinessDays) });
    const completedId = plan.complete?.stepInstanceId ?? null;
    const cancel = plan.cancel.filter((id) => id !== completedId);
    const moved: { id: string; dueAt: Date }[] = [];
    for (const { stepInstanceId, stepKey, from } of plan.restartSilence) {
      const offset = version.steps.find((step) => step.key === stepKey)?.offsetBusinessDays;
      if (offset === undefined || stepInstanceId === completedId || cancel.includes(stepInstanceId)) continue;
      moved.push({ id: stepInstanceId, dueAt: await dueAfter(from, offset) });
    }
    const stillPending = (running?.pending ?? []).filter(
      (step) => step.id !== completedId && !cancel.includes(step.id),
    );
    const stop = plan.stop !== null || stillPending.length + created.length === 0;

    const written = await this.write(manager, {
      agencyId,
      cadenceId,
      ref,
      completed: plan.complete,
      cancel,
      moved,
      created,
      stop: stop ? { reason: plan.stop } : null,
    });
    const toSteps = (rows: WrittenStepRow[]) =>
      rows.map((row) =>
        manager.create(StepInstance, {
          id: row.id,
          agencyId,
          cadenceId,
          applicationId: row.application_id,
          clientUserId: row.client_user_id,
          dueAt: row.due_at,
        }),
      );
    await this.reminders.scheduleFor(toSteps(written.filter((row) => !row.moved)), manager, { fresh: true });
    await this.reminders.scheduleFor(toSteps(written.filter((row) => row.moved)), manager);
  }

  /**
   * The plan in one statement: the done step, the cancelled ones, the moved ones, the new ones and the
   * cadence's stop. Its parts touch different rows (the caller keeps the sets apart), as one statement's
   * parts must. Returns the new and the moved steps (their reminders follow).
   */
  private async write(
    manager: EntityManager,
    plan: {
      agencyId: string;
      cadenceId: string;
      ref: ApplicationRef;
      completed: CadencePlan['complete'];
      cancel: string[];
      moved: { id: string; dueAt: Date }[];
      created: { step: PlaybookStep; dueAt: Date }[];
      stop: { reason: CadencePlan['stop'] } | null;
    },
  ): Promise<WrittenStepRow[]> {
    const nothing =
      !plan.completed && plan.cancel.length === 0 && plan.moved.length === 0 && plan.created.length === 0 && !plan.stop;
    if (nothing) return [];
    const { created } = plan;
    return manager.query(
      `WITH completed AS (
         UPDATE step_instances SET status = '${StepStatus.DONE}', completed_at = $3, follow_up_id = $5
          WHERE agency_id = $1 AND id = $4
         RETURNING id
       ), cancelled AS (
         UPDATE step_instances SET status = '${StepStatus.CANCELLED}', completed_at = $3
          WHERE agency_id = $1 AND id = ANY($6::uuid[]) AND status = '${StepStatus.PENDING}'
         RETURNING id
       ), moved AS (
         UPDATE step_instances s SET due_at = m.due_at
           FROM unnest($7::uuid[], $8::timestamptz[]) AS m(id, due_at)
          WHERE s.agency_id = $1 AND s.id = m.id
         RETURNING s.id, s.application_id, s.client_user_id, s.due_at, TRUE AS moved
       ), created AS (
         INSERT INTO step_instances (agency_id, cadence_id, application_id, client_user_id, step_key, trigger, channel, purpose, instructions, due_at, status)
         SELECT $1, $2, $9, $10, n.step_key, n.trigger, n.channel, n.purpose, n.instructions, n.due_at, '${StepStatus.PENDING}'
           FROM unnest($11::varchar[], $12::varchar[], $13::varchar[], $14::varchar[], $15::text[], $16::timestamptz[])
                AS n(step_key, trigger, channel, purpose, instructions, due_at)
         RETURNING id, application_id, client_user_id, due_at, FALSE AS moved
       ), stopped AS (
         UPDATE cadences SET stopped_at = $3, stop_reason = $17 WHERE agency_id = $1 AND id = $2 AND $18::boolean
         RETURNING id
       )
       -- Every part runs whether or not it is read here.
       SELECT * FROM created UNION ALL SELECT * FROM moved`,
      [
        plan.agencyId,
        plan.cadenceId,
        new Date(),
        plan.completed?.stepInstanceId ?? null,
        plan.completed?.followUpId ?? null,
        plan.cancel,
        plan.moved.map((step) => step.id),
        plan.moved.map((step) => step.dueAt),
        plan.ref.applicationId,
        plan.ref.clientUserId,
        created.map((c) => c.step.key),
        created.map((c) => c.step.trigger),
        created.map((c) => c.step.channel),
        created.map((c) => c.step.purpose),
        created.map((c) => c.step.instructions),
        created.map((c) => c.dueAt),
        plan.stop?.reason ?? null,
        plan.stop !== null,
      ],
    );
  }
}
