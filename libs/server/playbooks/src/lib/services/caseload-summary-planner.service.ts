import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addCalendarDays, BUSINESS_MORNING, formatLocalDate, localDateTime, nextBusinessMorning, Role, zonedInstant } from '@followthrough/shared-domain';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ReminderService } from '@followthrough/server-reminders';

export const CASELOAD_SUMMARY_KIND = 'playbook.caseload-weekly';

const PLAN_EVERY_MS = 15 * 60_000;

/**
 * Every coach gets a weekly caseload summary on Monday morning (their time, first business morning
 * of the week). The planner books next week's for every coach; the idempotency key (coach + week)
 * makes repeated runs, and several workers running it, harmless.
 */
@Injectable()
export class CaseloadSummaryPlanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CaseloadSummaryPlanner.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityDirectory,
    private readonly reminders: ReminderService,
  ) {}

  onApplicationBootstrap(): void {
    const run = () => this.planAll().catch((error: Error) => this.logger.error(`Planning weekly summaries failed: ${error.message}`));
    void run();
    this.timer = setInterval(run, PLAN_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Books the coming Monday's summary for every coach of every agency; returns how many were new. */
  async planAll(now = new Date()): Promise<number> {
    const coaches: { agency_id: string; user_id: string }[] = await this.dataSource.query(
      `SELECT agency_id, user_id FROM memberships WHERE role = $1 ORDER BY agency_id`,
      [Role.COACH],
    );
    let created = 0;
    for (const coach of coaches) {
      const calendar = await this.identity.calendarOf(coach.agency_id);
      const [person] = await this.identity.people(coach.agency_id, [coach.user_id]);
      if (!person) continue;
      const today = localDateTime(now, person.timezone);
      const nextMonday = addCalendarDays(today, ((8 - today.weekday) % 7) || 7);
      const dueAt = nextBusinessMorning(zonedInstant(nextMonday, BUSINESS_MORNING, person.timezone), calendar, { timeZone: person.timezone });
      const result = await this.reminders.schedule(undefined, {
        agencyId: coach.agency_id,
        kind: CASELOAD_SUMMARY_KIND,
        recipientUserId: coach.user_id,
        dueAt,
        idempotencyKey: `caseload:${coach.user_id}:${formatLocalDate(nextMonday)}`,
        refs: { coachUserId: coach.user_id },
        timing: 'exact',
      });
      if (result.created) created += 1;
    }
    return created;
  }
}
