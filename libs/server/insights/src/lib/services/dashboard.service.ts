import { Injectable } from '@nestjs/common';
import { Actor } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import {
  ApplicationStage,
  BEYOND_EMAIL_CHANNELS,
  formatLocalDate,
  FollowUpChannel,
  localDateTime,
} from '@followthrough/shared-domain';
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
  TREND_WEEKS,
  trendWeeks,
} from '../sql/dashboard.query';
import {
  AggregateDashboardRow,
  aggregateDashboardStatement,
  FACT,
  PROGRESS_STAGES,
  weekAligned,
} from '../sql/coach-weeks.query';
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

/**
 * The agency dashboard. For a period of whole weeks (the default, the trend's twelve weeks, is one) it reads the
 * coach-week aggregates: the calendar, then one statement over coaches × weeks (coach-weeks.query.ts). Any other
 * period is computed live from the source tables: the calendar, then coaches, agency-wide and trend side by side.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly policy: InsightsPolicy,
    private readonly identity: IdentityDirectory,
    private readonly sql: InsightsSql,
  ) {}

  private async input(actor: Actor, periodInput?: InsightsPeriodInput | null): Promise<DashboardQueryInput> {
    const coachUserId = this.policy.dashboardCoach(actor);
    const calendar = await this.identity.calendarOf(actor.agencyId);
    const now = new Date();
    const weeks = trendWeeks(now, calendar);
    // By default the period is the trend's window: the last twelve weeks up to now.
    const period = resolvePeriod(periodInput, { from: weeks.boundaries[0], to: null });
    return { agencyId: actor.agencyId, coachUserId, period, now, calendar, weeks };
  }

  /** The statements of one dashboard request (also what the benchmark replays directly). */
  async statements(
    actor: Actor,
    periodInput?: InsightsPeriodInput | null,
  ): Promise<{ input: DashboardQueryInput; statements: SqlStatement[] }> {
    const input = await this.input(actor, periodInput);
    const aggregate = this.aggregateStatement(input);
    return { input, statements: aggregate ? [aggregate] : liveStatements(input) };
  }

  async dashboard(actor: Actor, periodInput?: InsightsPeriodInput | null): Promise<AgencyDashboard> {
    const input = await this.input(actor, periodInput);
    const aggregate = this.aggregateStatement(input);
    if (!aggregate) return this.live(input);
    const [row] = await this.sql.laggingRows<AggregateDashboardRow>(aggregate);
    return fromAggregates(input, row);
  }

  /** The dashboard computed from the source tables, whatever the period (what the aggregates must equal). */
  async liveDashboard(actor: Actor, periodInput?: InsightsPeriodInput | null): Promise<AgencyDashboard> {
    return this.live(await this.input(actor, periodInput));
  }

  private aggregateStatement(input: DashboardQueryInput): SqlStatement | null {
    const periodWeeks = weekAligned(input.period, input.calendar);
    if (!periodWeeks) return null;
    const localWeek = (instant: Date) => formatLocalDate(localDateTime(instant, input.calendar.timezone));
    return aggregateDashboardStatement({
      agencyId: input.agencyId,
      coachUserId: input.coachUserId,
      periodWeeks,
      trendWeeks: { from: input.weeks.starts[0], to: localWeek(input.weeks.boundaries[TREND_WEEKS]) },
    });
  }

  private async live(input: DashboardQueryInput): Promise<AgencyDashboard> {
    const [coaches, [agency], trend] = (await Promise.all(
      liveStatements(input).map((statement) => this.sql.laggingRows(statement)),
    )) as [CoachSqlRow[], AgencySqlRow[], TrendSqlRow[]];
    return assemble(input, coaches, agency, trend);
  }
}

function liveStatements(input: DashboardQueryInput): SqlStatement[] {
  return [coachStatement(input), agencyStatement(input), trendStatement(input)];
}

/** Sums of [scope, metric, key, value] facts, looked up by scope and metric (and key). */
class Facts {
  private readonly sums = new Map<string, Map<string, number>>();

  constructor(rows: [string, string, string, number][]) {
    for (const [scope, metric, key, value] of rows) {
      const id = `${scope}/${metric}`;
      const byKey = this.sums.get(id) ?? new Map<string, number>();
      byKey.set(key, (byKey.get(key) ?? 0) + value);
      this.sums.set(id, byKey);
    }
  }

  keys(scope: string, metric: string): Map<string, number> {
    return this.sums.get(`${scope}/${metric}`) ?? new Map();
  }

  total(scope: string, metric: string, only?: readonly string[]): number {
    let sum = 0;
    for (const [key, value] of this.keys(scope, metric)) if (!only || only.includes(key)) sum += value;
    return sum;
  }

  /** The median of a histogram (key = value, value = how many), as PostgreSQL's percentile_cont(0.5). */
  median(scope: string, metric: string): number | null {
    const counts = [...this.keys(scope, metric)]
      .map(([key, count]) => [Number(key), count] as const)
      .filter(([, count]) => count > 0)
      .sort((a, b) => a[0] - b[0]);
    const n = counts.reduce((sum, [, count]) => sum + count, 0);
    if (n === 0) return null;
    const at = (index: number): number => {
      let seen = 0;
      for (const [value, count] of counts) {
        seen += count;
        if (index < seen) return value;
      }
      return counts[counts.length - 1][0];
    };
    const position = 0.5 * (n - 1);
    const lower = at(Math.floor(position));
    return lower + (at(Math.ceil(position)) - lower) * (position - Math.floor(position));
  }
}

function fromAggregates(input: DashboardQueryInput, row: AggregateDashboardRow): AgencyDashboard {
  const viewer = input.coachUserId ?? input.agencyId;
  const period = new Facts(row.period ?? []);
  const coaches: CoachSqlRow[] = (row.coaches ?? []).map((coach) => ({
    coach_user_id: coach.coach_user_id,
    coach_name: coach.coach_name,
    clients: period.total(coach.coach_user_id, FACT.clients),
    steps_due: period.total(coach.coach_user_id, FACT.stepsDue),
    steps_on_time: period.total(coach.coach_user_id, FACT.stepsOnTime),
    median_business_days: period.median(coach.coach_user_id, FACT.firstTouchDays),
    outbound_touches: period.total(coach.coach_user_id, FACT.touches),
    beyond_email_touches: period.total(coach.coach_user_id, FACT.touches, BEYOND_EMAIL_CHANNELS),
    shared_vents: period.total(coach.coach_user_id, FACT.sharedVents),
    actioned_shared_vents: period.total(coach.coach_user_id, FACT.actionedVents),
  }));
  const byChannel: Record<string, [number, number]> = {};
  for (const [channel, touches] of period.keys(viewer, FACT.touches))
    if (touches !== 0) byChannel[channel] = [touches, period.keys(viewer, FACT.answered).get(channel) ?? 0];
  const reached = period.keys(viewer, FACT.funnelReached);
  const funnel: Record<string, number> = {};
  PROGRESS_STAGES.forEach((stage, i) => {
    funnel[stage] = [...reached].reduce((sum, [furthest, count]) => (Number(furthest) >= i + 1 ? sum + count : sum), 0);
  });
  for (const [stage, count] of period.keys(viewer, FACT.funnelNow)) funnel[stage] = count;
  const weekIndex = new Map(input.weeks.starts.map((start, i) => [start, i + 1]));
  const trend = new Map<number, Facts>();
  const byWeek = new Map<number, [string, string, string, number][]>();
  for (const [week, metric, key, value] of row.trend ?? []) {
    const index = weekIndex.get(week);
    if (index) byWeek.set(index, [...(byWeek.get(index) ?? []), [viewer, metric, key, value]]);
  }
  for (const [index, rows] of byWeek) trend.set(index, new Facts(rows));
  const empty = new Facts([]);
  const trendRows: TrendSqlRow[] = input.weeks.starts.map((_, i) => {
    const week = trend.get(i + 1) ?? empty;
    return {
      week: i + 1,
      outbound_touches: week.total(viewer, FACT.touches),
      beyond_email_touches: week.total(viewer, FACT.touches, BEYOND_EMAIL_CHANNELS),
      answered_touches: week.total(viewer, FACT.answered),
      applications_applied: week.total(viewer, FACT.applied),
      steps_due: week.total(viewer, FACT.stepsDue),
      steps_on_time: week.total(viewer, FACT.stepsOnTime),
    };
  });
  return assemble(input, coaches, { by_channel: byChannel, by_step: row.by_step ?? [], funnel }, trendRows);
}

function assemble(
  input: DashboardQueryInput,
  coaches: CoachSqlRow[],
  agency: AgencySqlRow,
  trend: TrendSqlRow[],
): AgencyDashboard {
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
