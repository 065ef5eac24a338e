import { FollowUpChannel, FollowUpPurpose, StepStatus } from '@followthrough/shared-domain';

/** One planned follow-up step of an application, from the agency's playbook. */
export interface DueStep {
  id: string;
  applicationId: string;
  clientUserId: string;
  channel: FollowUpChannel;
  purpose: FollowUpPurpose;
  instructions: string;
  dueAt: string;
  status: StepStatus;
  companyName: string;
  applicationTitle: string;
}

export const DUE_STEPS = `query DueSteps($filter: DueStepsFilter, $first: Int, $after: String) {
  dueSteps(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id applicationId clientUserId channel purpose instructions dueAt status companyName applicationTitle } }
    pageInfo { endCursor hasNextPage }
  }
}`;

export const CALENDAR_FEED_URL = `query CalendarFeedUrl($clientUserId: ID) { calendarFeedUrl(clientUserId: $clientUserId) }`;
