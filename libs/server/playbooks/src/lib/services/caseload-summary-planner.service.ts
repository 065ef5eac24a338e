import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import {
  addCalendarDays,
  BUSINESS_MORNING,
  formatLocalDate,
  localDateTime,
  nextBusinessMorning,
  ReminderKind,
  ReminderKinds,
  zonedInstant,
} from '@followthrough/shared-domain';
import {
  Env,
  parseWholeNumber,
  QueueFactory,
  QueueNames,
  runAsTenant,
  runCrossTenant,
} from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ReminderService } from '@followthrough/server-reminders';

export const CASELOAD_SUMMARY_KIND: ReminderKind = ReminderKinds.CASELOAD_WEEKLY;
/** The one BullMQ job scheduler of the planner, whatever the number of worker processes. */
export const CASELOAD_SUMMARY_SCHEDULER_ID = 'caseload-summary-plan';

function planEveryMs(env: Env = process.env): number {
  return parseWholeNumber(env, 'CASELOAD_SUMMARY_PLAN_EVERY_MS', 15 * 60_000, 100, 86_400_000);
}

/**
 * Every coach gets a weekly caseload summary on Monday morning (their time, first business morning
 * of the week). The planner books next week's for every coach; the idempotency key (coach + week)
 * makes a repeated run harmless. It runs from a BullMQ job scheduler (upserted under one id by every
 * worker, so N workers still plan once per period), not from a timer in each process.
 */
@Injectable()
export class CaseloadSummaryPlanner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CaseloadSummaryPlanner.name);
  private queue: Queue | null = null;
  private worker: Worker | null = null;

  constructor(
    private readonly identity: IdentityDirectory,
    private readonly reminders: ReminderService,
    private readonly queues: QueueFactory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue = this.queues.queue(QueueNames.playbookSchedules, {
      removeOnComplete: { count: 50 },
      removeOnFail: { count: 200 },
    });
    await this.queue.upsertJobScheduler(
      CASELOAD_SUMMARY_SCHEDULER_ID,
      { every: planEveryMs() },
      { name: 'plan-caseload-summaries' },
    );
    this.worker = this.queues.worker(QueueNames.playbookSchedules, async () => ({ created: await this.planAll() }), {
      concurrency: 1,
    });
    this.worker.on('failed', (_job, error) => this.logger.error(`Planning weekly summaries failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`${QueueNames.playbookSchedules}: ${error.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }

  /** Books the coming Monday's summary for every coach of every agency; returns how many were new. */
  async planAll(now = new Date()): Promise<number> {
    // The coaches of every agency (the planner's one cross-agency read); each is then booked bound to its agency.
    const coaches = await runCrossTenant('planner', () => this.identity.allCoaches());
    let created = 0;
    for (const coach of coaches) {
      if (await runAsTenant(coach.agencyId, () => this.plan(coach, now))) created += 1;
    }
    return created;
  }

  private async plan(coach: { agencyId: string; userId: string }, now: Date): Promise<boolean> {
    const calendar = await this.identity.calendarOf(coach.agencyId);
    const [person] = await this.identity.people(coach.agencyId, [coach.userId]);
    if (!person) return false;
    const today = localDateTime(now, person.timezone);
    const nextMonday = addCalendarDays(today, (8 - today.weekday) % 7 || 7);
    const dueAt = nextBusinessMorning(zonedInstant(nextMonday, BUSINESS_MORNING, person.timezone), calendar, {
      timeZone: person.timezone,
    });
    const result = await this.reminders.schedule(undefined, {
      agencyId: coach.agencyId,
      kind: CASELOAD_SUMMARY_KIND,
      recipientUserId: coach.userId,
      dueAt,
      idempotencyKey: `caseload:${coach.userId}:${formatLocalDate(nextMonday)}`,
      refs: { coachUserId: coach.userId },
      timing: 'exact',
    });
    return result.created;
  }
}
