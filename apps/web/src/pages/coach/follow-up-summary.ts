import { isBeyondEmail } from '@followthrough/shared-domain';
import type { ApplicationsWithFollowUpsQuery } from '../../api/generated/graphql';
import { awaitsFollowUp } from '../../format/awaits-follow-up';

/** One application as the coach's follow-up view reads it. */
export type ApplicationWithFollowUps = ApplicationsWithFollowUpsQuery['applications']['edges'][number]['node'];

export interface FollowUpSummary {
  applications: number;
  touches: number;
  /** Touches by phone, in person or through the Sales line, as a share of all touches (0–1), or null with none. */
  beyondEmailShare: number | null;
  /** Open applications (sent, not yet settled) with no touch at all. */
  untouched: number;
}

/** The headline figures a coach reads first about a client's follow-up. */
export function summarizeFollowUp(applications: ApplicationWithFollowUps[]): FollowUpSummary {
  const touches = applications.flatMap((application) => application.followUps);
  const beyondEmail = touches.filter((touch) => isBeyondEmail(touch.channel)).length;
  return {
    applications: applications.length,
    touches: touches.length,
    beyondEmailShare: touches.length ? beyondEmail / touches.length : null,
    untouched: applications.filter(
      (application) => awaitsFollowUp(application.stage) && application.followUps.length === 0,
    ).length,
  };
}
