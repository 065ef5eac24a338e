import { Injectable } from '@nestjs/common';
import { ApplicationStage } from '@followthrough/shared-domain';
import { Actor, AuditService } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { InsightsPeriodInput } from '../dto/insights.inputs';
import { ClientScorecard } from '../dto/insights.types';
import { CHANNEL_ORDER, ratio } from '../insights-definitions';
import { InsightsPolicy } from '../insights.policy';
import { ScorecardSqlRow, scorecardStatement } from '../sql/scorecard.query';
import { InsightsSql } from './insights-sql.service';
import { resolvePeriod } from './period';

/** A client's scorecard: three statements whatever the client's history (access, calendar, figures). */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly policy: InsightsPolicy,
    private readonly identity: IdentityDirectory,
    private readonly sql: InsightsSql,
    private readonly audit: AuditService,
  ) {}

  /** The statement of one scorecard request, after the access check (also what the benchmark replays). */
  async statement(actor: Actor, clientUserId: string, periodInput?: InsightsPeriodInput | null) {
    const period = resolvePeriod(periodInput, { from: null, to: null });
    const { allVents } = await this.policy.scorecardAccess(actor, clientUserId);
    const calendar = await this.identity.calendarOf(actor.agencyId);
    const now = new Date();
    const statement = scorecardStatement({ agencyId: actor.agencyId, clientUserId, period, now, calendar, allVents });
    return { statement, period, now };
  }

  async scorecard(
    actor: Actor,
    clientUserId: string,
    periodInput?: InsightsPeriodInput | null,
  ): Promise<ClientScorecard> {
    const { statement, period, now } = await this.statement(actor, clientUserId, periodInput);
    const [row] = await this.sql.laggingRows<ScorecardSqlRow>(statement);
    await this.audit.recordRead(actor, 'clientScorecard.read', [clientUserId]);
    const byChannel = CHANNEL_ORDER.map((channel) => {
      const [touches, answered] = row.by_channel[channel] ?? [0, 0];
      return { channel, touches, answered, rate: ratio(answered, touches) };
    });
    const outboundTouches = byChannel.reduce((sum, channel) => sum + channel.touches, 0);
    const answeredTouches = byChannel.reduce((sum, channel) => sum + channel.answered, 0);
    const beyondEmailTouches = Object.values(row.by_channel).reduce((sum, [, , beyond]) => sum + beyond, 0);
    const applicationsByStage = Object.values(ApplicationStage).map((stage) => ({
      stage,
      count: row.by_stage[stage] ?? 0,
    }));
    return {
      clientUserId,
      clientName: row.client_name,
      period,
      asOf: now,
      applications: applicationsByStage.reduce((sum, stage) => sum + stage.count, 0),
      applicationsByStage,
      appliedApplications: row.applied,
      coveredApplications: row.covered,
      followUpCoverage: ratio(row.covered, row.applied),
      outboundTouches,
      beyondEmailTouches,
      beyondEmailShare: ratio(beyondEmailTouches, outboundTouches),
      medianBusinessDaysToFirstTouch: row.median_business_days,
      overdueSteps: row.overdue_steps,
      answeredTouches,
      responseRate: ratio(answeredTouches, outboundTouches),
      responseRateByChannel: byChannel,
      vents: { ...row.vents, medianHoursToFirstAction: row.median_hours_to_action },
      actions: { ...row.actions, doneShare: ratio(row.actions.done, row.actions.total) },
      remindersSent: row.reminders.sent,
      remindersIgnored: row.reminders.ignored,
    };
  }
}
