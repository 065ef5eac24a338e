import { CLIENT_SILENT_AFTER_BUSINESS_DAYS } from '@followthrough/shared-domain';

/** Why a client needs their coach's attention; each reason carries the points it adds to the score. */
export enum AttentionReasonCode {
  OVERDUE_STEPS = 'OVERDUE_STEPS',
  NO_RECENT_TOUCH = 'NO_RECENT_TOUCH',
  SILENT_APPLICATIONS = 'SILENT_APPLICATIONS',
  UNACTIONED_VENTS = 'UNACTIONED_VENTS',
  IGNORED_REMINDERS = 'IGNORED_REMINDERS',
}

/**
 * The attention score's rules, in one place: the SQL that ranks the radar and the reasons shown
 * beside each row are both built from these numbers, so the score always equals the sum of the
 * reasons' weights.
 */
export const ATTENTION_RULES = {
  /** Per follow-up step still pending after its due time, up to `maxCount` steps. */
  overdueStep: { points: 3, maxCount: 10 },
  /** One point per business day without any touch beyond `graceBusinessDays`, up to `maxPoints`. */
  noRecentTouch: { graceBusinessDays: 5, maxPoints: 10 },
  /** Per open application (applied … offer) without a touch for `afterBusinessDays`, up to `maxCount`. */
  silentApplication: { points: 2, afterBusinessDays: CLIENT_SILENT_AFTER_BUSINESS_DAYS, maxCount: 10 },
  /** Per vent the client shared that has no action yet, up to `maxCount`. */
  unactionedVent: { points: 4, maxCount: 5 },
  /** Per step reminder the client ignored (see README) among those due in the last `windowDays`, up to `maxCount`. */
  ignoredReminder: { points: 2, windowDays: 28, maxCount: 10 },
} as const;

/** Applications still waiting on the employer: the ones follow-up is for. */
export const OPEN_STAGES = ['APPLIED', 'SCREENING', 'INTERVIEWING', 'OFFER'] as const;

/** The facts behind a client's score. */
export interface AttentionFacts {
  overdueSteps: number;
  /** Business days since the last touch on an open application (or since applying, if never touched); null without open applications. */
  businessDaysSinceLastTouch: number | null;
  silentApplications: number;
  unactionedVents: number;
  ignoredReminders: number;
}

export interface AttentionReason {
  code: AttentionReasonCode;
  text: string;
  weight: number;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The points of the "no recent touch" rule for a number of business days. */
export function noRecentTouchPoints(businessDays: number | null): number {
  if (businessDays === null) return 0;
  const { graceBusinessDays, maxPoints } = ATTENTION_RULES.noRecentTouch;
  return Math.min(maxPoints, Math.max(0, businessDays - graceBusinessDays));
}

/** The reasons, heaviest first (ties in rule order); reasons that add nothing are left out. */
export function attentionReasons(facts: AttentionFacts): AttentionReason[] {
  const rules = ATTENTION_RULES;
  const reasons: AttentionReason[] = [
    {
      code: AttentionReasonCode.OVERDUE_STEPS,
      text: `${plural(facts.overdueSteps, 'follow-up step is', 'follow-up steps are')} overdue`,
      weight: rules.overdueStep.points * Math.min(facts.overdueSteps, rules.overdueStep.maxCount),
    },
    {
      code: AttentionReasonCode.NO_RECENT_TOUCH,
      text: `No follow-up logged for ${plural(facts.businessDaysSinceLastTouch ?? 0, 'business day', 'business days')}`,
      weight: noRecentTouchPoints(facts.businessDaysSinceLastTouch),
    },
    {
      code: AttentionReasonCode.SILENT_APPLICATIONS,
      text: `${plural(facts.silentApplications, 'open application has', 'open applications have')} had no touch for ${rules.silentApplication.afterBusinessDays}+ business days`,
      weight: rules.silentApplication.points * Math.min(facts.silentApplications, rules.silentApplication.maxCount),
    },
    {
      code: AttentionReasonCode.UNACTIONED_VENTS,
      text: `${plural(facts.unactionedVents, 'shared vent has', 'shared vents have')} no action yet`,
      weight: rules.unactionedVent.points * Math.min(facts.unactionedVents, rules.unactionedVent.maxCount),
    },
    {
      code: AttentionReasonCode.IGNORED_REMINDERS,
      text: `${plural(facts.ignoredReminders, 'step reminder was', 'step reminders were')} ignored in the last ${rules.ignoredReminder.windowDays} days`,
      weight: rules.ignoredReminder.points * Math.min(facts.ignoredReminders, rules.ignoredReminder.maxCount),
    },
  ];
  return reasons.filter((reason) => reason.weight > 0).sort((a, b) => b.weight - a.weight);
}

export function attentionScore(facts: AttentionFacts): number {
  return attentionReasons(facts).reduce((sum, reason) => sum + reason.weight, 0);
}
