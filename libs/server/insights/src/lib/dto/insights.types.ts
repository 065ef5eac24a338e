import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApplicationStage, FollowUpChannel } from '@followthrough/shared-domain';
import { PageInfo } from '@followthrough/server-core';
import { AttentionReasonCode } from '../radar/attention-score';

registerEnumType(AttentionReasonCode, { name: 'AttentionReasonCode' });

@ObjectType('InsightsPeriod', { description: 'The window the figures cover: [from, to); null ends are open.' })
export class InsightsPeriodView {
  @Field(() => Date, { nullable: true }) from!: Date | null;
  @Field(() => Date, { nullable: true }) to!: Date | null;
}

@ObjectType()
export class StageCount {
  @Field(() => ApplicationStage) stage!: ApplicationStage;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Outbound touches on one channel and how many got a human answer.' })
export class ChannelResponse {
  @Field(() => FollowUpChannel) channel!: FollowUpChannel;
  @Field(() => Int) touches!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Float, { nullable: true, description: 'answered ÷ touches; null without touches.' }) rate!:
    number | null;
}

@ObjectType({ description: "Counts only: insights never exposes a vent's text." })
export class VentFigures {
  @Field(() => Int) total!: number;
  @Field(() => Int) open!: number;
  @Field(() => Int) actioned!: number;
  @Field(() => Int) resolved!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Median hours from a vent to its first action; null when no vent has one.',
  })
  medianHoursToFirstAction!: number | null;
}

@ObjectType()
export class ActionFigures {
  @Field(() => Int) total!: number;
  @Field(() => Int) open!: number;
  @Field(() => Int) done!: number;
  @Field(() => Int) dropped!: number;
  @Field(() => Float, { nullable: true, description: 'done ÷ total; null without actions.' }) doneShare!: number | null;
}

@ObjectType({ description: "One client's follow-up figures. Definitions: libs/server/insights/README.md." })
export class ClientScorecard {
  @Field(() => ID) clientUserId!: string;
  @Field() clientName!: string;
  @Field(() => InsightsPeriodView) period!: InsightsPeriodView;
  @Field({ description: 'When the figures were computed; "overdue" is as of this instant.' }) asOf!: Date;
  @Field(() => Int, { description: 'Applications created in the period.' }) applications!: number;
  @Field(() => [StageCount], {
    description: 'Applications created in the period, by current stage (every stage listed).',
  })
  applicationsByStage!: StageCount[];
  @Field(() => Int, { description: 'Applications sent (applied) in the period.' }) appliedApplications!: number;
  @Field(() => Int, { description: 'Of those, how many got at least one outbound touch after applying.' })
  coveredApplications!: number;
  @Field(() => Float, { nullable: true, description: 'coveredApplications ÷ appliedApplications.' }) followUpCoverage!:
    number | null;
  @Field(() => Int, { description: 'Outbound touches in the period.' }) outboundTouches!: number;
  @Field(() => Int, { description: 'Outbound touches by phone, in person or through the Sales line.' })
  beyondEmailTouches!: number;
  @Field(() => Float, { nullable: true, description: 'beyondEmailTouches ÷ outboundTouches.' }) beyondEmailShare!:
    number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Median business days from applying to the first outbound touch.',
  })
  medianBusinessDaysToFirstTouch!: number | null;
  @Field(() => Int, { description: 'Follow-up steps still pending after their due time (now).' }) overdueSteps!: number;
  @Field(() => Int) answeredTouches!: number;
  @Field(() => Float, { nullable: true, description: 'answeredTouches ÷ outboundTouches.' }) responseRate!:
    number | null;
  @Field(() => [ChannelResponse], { description: 'Every channel, in a fixed order.' })
  responseRateByChannel!: ChannelResponse[];
  @Field(() => VentFigures, {
    description: "The client's own vents for the client; the vents shared with the coach for coaches and admins.",
  })
  vents!: VentFigures;
  @Field(() => ActionFigures) actions!: ActionFigures;
  @Field(() => Int, { description: 'Step reminders e-mailed to the client (due in the period).' })
  remindersSent!: number;
  @Field(() => Int, {
    description: 'Of those, the ones whose step was not done within 2 business days of falling due.',
  })
  remindersIgnored!: number;
}

@ObjectType()
export class AttentionReason {
  @Field(() => AttentionReasonCode) code!: AttentionReasonCode;
  @Field() text!: string;
  @Field(() => Int, { description: 'Points this reason adds to the score.' }) weight!: number;
}

@ObjectType({ description: "The scorecard's headline figures, all-time unless said otherwise." })
export class RadarHeadline {
  @Field(() => Int) openApplications!: number;
  @Field(() => Int) overdueSteps!: number;
  @Field(() => Int) silentApplications!: number;
  @Field(() => Date, { nullable: true, description: 'The latest touch on an open application.' })
  lastTouchAt!: Date | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Since the last touch on an open application (or since applying when none); null without open applications.',
  })
  businessDaysSinceLastTouch!: number | null;
  @Field(() => Float, { nullable: true }) followUpCoverage!: number | null;
  @Field(() => Float, { nullable: true }) beyondEmailShare!: number | null;
  @Field(() => Int) unactionedSharedVents!: number;
  @Field(() => Int, { description: 'Ignored step reminders due in the last 28 days.' }) ignoredReminders!: number;
}

@ObjectType()
export class RadarRow {
  @Field(() => ID) clientUserId!: string;
  @Field() clientName!: string;
  @Field(() => Int, { description: 'The sum of the reasons’ weights; higher needs attention sooner.' }) score!: number;
  @Field(() => [AttentionReason]) reasons!: AttentionReason[];
  @Field(() => RadarHeadline) headline!: RadarHeadline;
}

@ObjectType()
export class RadarEdge {
  @Field() cursor!: string;
  @Field(() => RadarRow) node!: RadarRow;
}

@ObjectType()
export class RadarConnection {
  @Field(() => [RadarEdge]) edges!: RadarEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field({ description: 'When the scores were computed.' }) asOf!: Date;
}

@ObjectType()
export class CoachFigures {
  @Field(() => ID) coachUserId!: string;
  @Field() coachName!: string;
  @Field(() => Int) clients!: number;
  @Field(() => Int, { description: 'Steps of their clients due in the period (up to now), not cancelled or skipped.' })
  stepsDue!: number;
  @Field(() => Int, { description: 'Of those, done no later than their due business day.' }) stepsDoneOnTime!: number;
  @Field(() => Float, { nullable: true, description: 'stepsDoneOnTime ÷ stepsDue.' }) followUpCompliance!:
    number | null;
  @Field(() => Float, { nullable: true }) medianBusinessDaysToFirstTouch!: number | null;
  @Field(() => Int) outboundTouches!: number;
  @Field(() => Int) beyondEmailTouches!: number;
  @Field(() => Float, { nullable: true }) beyondEmailShare!: number | null;
  @Field(() => Int, { description: 'Vents their clients shared in the period.' }) sharedVents!: number;
  @Field(() => Int, { description: 'Of those, the ones turned into at least one action.' })
  actionedSharedVents!: number;
  @Field(() => Float, { nullable: true, description: 'actionedSharedVents ÷ sharedVents.' }) ventToActionConversion!:
    number | null;
}

@ObjectType({
  description: 'Steps of one playbook step key done by a logged touch, and how many of those touches got an answer.',
})
export class StepResponse {
  @Field() stepKey!: string;
  @Field(() => FollowUpChannel) channel!: FollowUpChannel;
  @Field(() => Int) stepsDone!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Float, { nullable: true }) rate!: number | null;
}

@ObjectType({ description: 'One week (Monday to Sunday, agency time) of the last twelve.' })
export class WeekTrend {
  @Field({ description: 'The Monday, YYYY-MM-DD.' }) weekStart!: string;
  @Field(() => Int) outboundTouches!: number;
  @Field(() => Int) beyondEmailTouches!: number;
  @Field(() => Int) answeredTouches!: number;
  @Field(() => Float, { nullable: true }) responseRate!: number | null;
  @Field(() => Int) applicationsApplied!: number;
  @Field(() => Int) stepsDue!: number;
  @Field(() => Int) stepsDoneOnTime!: number;
  @Field(() => Float, { nullable: true }) followUpCompliance!: number | null;
}

@ObjectType()
export class AgencyDashboard {
  @Field(() => InsightsPeriodView) period!: InsightsPeriodView;
  @Field() asOf!: Date;
  @Field(() => [CoachFigures], { description: 'Every coach of the agency for admins; the coach themself for a coach.' })
  coaches!: CoachFigures[];
  @Field(() => [ChannelResponse]) responseRateByChannel!: ChannelResponse[];
  @Field(() => [StepResponse]) responseRateByStep!: StepResponse[];
  @Field(() => [StageCount], {
    description:
      'Applications created in the period that reached each stage (SAVED … HIRED, counting stages skipped on the way), then those now REJECTED and WITHDRAWN.',
  })
  funnel!: StageCount[];
  @Field(() => [WeekTrend], { description: 'The last 12 weeks, oldest first, whatever the period.' })
  weeklyTrend!: WeekTrend[];
}
