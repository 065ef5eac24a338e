import { Injectable } from '@nestjs/common';
import { Actor } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ApplicationStage, FollowUpChannel } from '@followthrough/shared-domain';
import { InsightsPeriodInput } from '../dto/insights.inputs';
import { AgencyDashboard } from '../dto/insights.types';
import { CHANNEL_ORDER, ratio } from '../insights-definitions';
import { InsightsPolicy } from '../insights.policy';
import {
  agencyStatement,
  AgencySqlRow,
  coachStatement,
  CoachSqlRow,
  DashboardQueryInput,
  trendStatement,
  TrendSqlRow,
  trendWeeks,
} from '../sql/dashboard.query';
import { SqlStatement } from '../sql/sql-statement';
import { InsightsSql } from './insights-sql.service';
import { resolvePeriod } from './period';

const FUNNEL_ORDER: ApplicationStage[] = [
  ApplicationStage.SAVED,
  ApplicationStage.APPLIED,
  ApplicationStage.SCREENING,
  ApplicationStage.INTERVIEWING,
  ApplicationStage.OFFER,
  ApplicationStage.HIRED,
  ApplicationStage.REJECTED,
  ApplicationStage.WITHDRAWN,
];

/** The agency dashboard: four statements (calendar, then coaches, agency-wide and trend side by side). */
@Injectable()
export class DashboardService {
  constructor(
    private readonly policy: InsightsPolicy,
    private readonly identity: IdentityDirectory,
    private readonly sql: InsightsSql,
  ) {}

  /** The statements of one dashboard request (also what the benchmark replays directly). */
  async statements(
    actor: Actor,
    periodInput?: InsightsPeriodInput | null,
  ): Promise<{ input: DashboardQueryInput; statements: SqlStatement[] }> {
    const coachUserId = this.policy.dashboardCoach(actor);
    const calendar = await this.identity.calendarOf(actor.agencyId);
    const now = new Date();
    const weeks = trendWeeks(now, calendar);
    // By default the period is the trend's window: the last twelve weeks up to now.
    const period = resolvePeriod(periodInput, { from: weeks.boundaries[0], to: null });
    const input: DashboardQueryInput = { agencyId: actor.agencyId, coachUserId, period, now, calendar, weeks };
    return { input, statements: [coachStatement(input), agencyStatement(input), trendStatement(input)] };
  }

  async dashboard(actor: Actor, periodInput?: InsightsPeriodInput | null): Promise<AgencyDashboard> {
    const { input, statements } = await this.statements(actor, periodInput);
    const [coaches, [agency], trend] = (await Promise.all(
      statements.map((statement) => this.sql.laggingRows(statement)),
    )) as [CoachSqlRow[], AgencySqlRow[], TrendSqlRow[]];
    return {
      period: input.period,
      asOf: input.now,
      coaches: coaches.map((row) => ({
        coachUserId: row.coach_user_id,
        coachName: row.coach_name,
        clients: row.clients,
        stepsDue: row.steps_due,
        stepsDoneOnTime: row.steps_on_time,
        followUpCompliance: ratio(row.steps_on_time, row.steps_due),
        medianBusinessDaysToFirstTouch: row.median_business_days,
        outboundTouches: row.outbound_touches,
        beyondEmailTouches: row.beyond_email_touches,
        beyondEmailShare: ratio(row.beyond_email_touches, row.outbound_touches),
        sharedVents: row.shared_vents,
        actionedSharedVents: row.actioned_shared_vents,
        ventToActionConversion: ratio(row.actioned_shared_vents, row.shared_vents),
      })),
      responseRateByChannel: CHANNEL_ORDER.map((channel) => {
        const [touches, answered] = agency.by_channel[channel] ?? [0, 0];
        return { channel, touches, answered, rate: ratio(answered, touches) };
      }),
      responseRateByStep: agency.by_step.map((step) => ({
        stepKey: step.step_key,
        channel: step.channel as FollowUpChannel,
        stepsDone: step.done,
        answered: step.answered,
        rate: ratio(step.answered, step.done),
      })),
      funnel: FUNNEL_ORDER.map((stage) => ({ stage, count: agency.funnel[stage] ?? 0 })),
      weeklyTrend: trend.map((week) => ({
        weekStart: input.weeks.starts[week.week - 1],
        outboundTouches: week.outbound_touches,
        beyondEmailTouches: week.beyond_email_touches,
        answeredTouches: week.answered_touches,
        responseRate: ratio(week.answered_touches, week.outbound_touches),
        applicationsApplied: week.applications_applied,
        stepsDue: week.steps_due,
        stepsDoneOnTime: week.steps_on_time,
        followUpCompliance: ratio(week.steps_on_time, week.steps_due),
      })),
    };
  }
}
