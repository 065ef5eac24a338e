import { FollowUpChannel } from '@followthrough/shared-domain';

/** Every channel, in the order reports list them. */
export const CHANNEL_ORDER: readonly FollowUpChannel[] = [
  FollowUpChannel.PHONE,
  FollowUpChannel.IN_PERSON,
  FollowUpChannel.SALES_LINE,
  FollowUpChannel.EMAIL,
  FollowUpChannel.LINKEDIN,
];

/** A step reminder counts as ignored when its step is not done this many business days after falling due (the coach's escalation). */
export const IGNORED_AFTER_BUSINESS_DAYS = 2;

/** SQL list literal of fixed, known values (never user input). */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');
}

/** part ÷ whole, or null when there is nothing to divide. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
