import { ApplicationStage, FollowUpChannel } from '@followthrough/shared-domain';
import type { Connection } from './pipeline-operations';

export interface AttentionReason {
  code: string;
  text: string;
  weight: number;
}

export interface RadarRow {
  clientUserId: string;
  clientName: string;
  score: number;
  reasons: AttentionReason[];
  headline: {
    openApplications: number;
    overdueSteps: number;
    silentApplications: number;
    lastTouchAt: string | null;
    businessDaysSinceLastTouch: number | null;
    unactionedSharedVents: number;
    ignoredReminders: number;
  };
}

export type RadarConnection = Connection<RadarRow> & { asOf: string };

export interface ChannelResponse {
  channel: FollowUpChannel;
  touches: number;
  answered: number;
  rate: number | null;
}

export interface StageCount {
  stage: ApplicationStage;
  count: number;
}

export interface ClientScorecard {
  clientUserId: string;
  asOf: string;
  applications: number;
  appliedApplications: number;
  coveredApplications: number;
  followUpCoverage: number | null;
  outboundTouches: number;
  beyondEmailTouches: number;
  beyondEmailShare: number | null;
  medianBusinessDaysToFirstTouch: number | null;
  overdueSteps: number;
  answeredTouches: number;
  responseRate: number | null;
  responseRateByChannel: ChannelResponse[];
  vents: { total: number; open: number; actioned: number; resolved: number };
  actions: { total: number; open: number; done: number; dropped: number };
  remindersSent: number;
  remindersIgnored: number;
}

export interface CoachFigures {
  coachUserId: string;
  coachName: string;
  clients: number;
  followUpCompliance: number | null;
  medianBusinessDaysToFirstTouch: number | null;
  beyondEmailShare: number | null;
  ventToActionConversion: number | null;
}

export interface StepResponse {
  stepKey: string;
  channel: FollowUpChannel;
  stepsDone: number;
  answered: number;
  rate: number | null;
}

export interface WeekTrend {
  weekStart: string;
  outboundTouches: number;
  beyondEmailTouches: number;
  answeredTouches: number;
  responseRate: number | null;
  followUpCompliance: number | null;
}

export interface AgencyDashboard {
  asOf: string;
  coaches: CoachFigures[];
  responseRateByChannel: ChannelResponse[];
  responseRateByStep: StepResponse[];
  funnel: StageCount[];
  weeklyTrend: WeekTrend[];
}

export interface InsightsPeriod {
  from?: string;
  to?: string;
}

export const FOLLOW_UP_RADAR = `query FollowUpRadar($filter: RadarFilter, $first: Int, $after: String) {
  followUpRadar(filter: $filter, first: $first, after: $after) {
    asOf
    pageInfo { hasNextPage endCursor }
    edges { cursor node { clientUserId clientName score reasons { code text weight }
      headline { openApplications overdueSteps silentApplications lastTouchAt businessDaysSinceLastTouch unactionedSharedVents ignoredReminders } } }
  }
}`;

const CHANNEL_RESPONSE = 'channel touches answered rate';

export const CLIENT_SCORECARD = `query ClientScorecard($clientUserId: ID!) {
  clientScorecard(clientUserId: $clientUserId) {
    clientUserId asOf applications appliedApplications coveredApplications followUpCoverage outboundTouches beyondEmailTouches
    beyondEmailShare medianBusinessDaysToFirstTouch overdueSteps answeredTouches responseRate
    responseRateByChannel { ${CHANNEL_RESPONSE} }
    vents { total open actioned resolved }
    actions { total open done dropped }
    remindersSent remindersIgnored
  }
}`;

export const AGENCY_DASHBOARD = `query AgencyDashboard($period: InsightsPeriodInput) {
  agencyDashboard(period: $period) {
    asOf
    coaches { coachUserId coachName clients followUpCompliance medianBusinessDaysToFirstTouch beyondEmailShare ventToActionConversion }
    responseRateByChannel { ${CHANNEL_RESPONSE} }
    responseRateByStep { stepKey channel stepsDone answered rate }
    funnel { stage count }
    weeklyTrend { weekStart outboundTouches beyondEmailTouches answeredTouches responseRate followUpCompliance }
  }
}`;
