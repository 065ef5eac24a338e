import {
  ApplicationStage,
  FollowUpDirection,
  FollowUpOutcome,
  FollowUpPurpose,
  isEmployerAnswer,
  isStatusTouch,
} from '@followthrough/shared-domain';

const ADVANCED = new Set<ApplicationStage>([
  ApplicationStage.SCREENING,
  ApplicationStage.INTERVIEWING,
  ApplicationStage.OFFER,
  ApplicationStage.HIRED,
]);

interface ApplicationState {
  stage: ApplicationStage;
  noReachableContact: boolean;
  followUps: Array<{
    direction: FollowUpDirection;
    purpose: FollowUpPurpose;
    outcome: FollowUpOutcome | null;
    occurredAt: string;
  }>;
}

/**
 * Why no follow-up step is waiting on an application, in words: the employer answered, the
 * application moved on, or nobody can be reached. Null when none of these explains it.
 */
export function whyNoStepIsWaiting(
  application: ApplicationState,
  stageLabels: Record<ApplicationStage, string>,
): string | null {
  if (application.stage === ApplicationStage.WITHDRAWN)
    return 'You withdrew this application, so its follow-up has stopped.';
  if (application.stage === ApplicationStage.SAVED)
    return 'Follow-up starts once you have applied: change the stage to Applied when you send it.';
  if (ADVANCED.has(application.stage)) {
    return `The application moved to ${stageLabels[application.stage]}, so the follow-up cadence has stopped. Prepare for the next step and log any contact here.`;
  }
  if (application.noReachableContact)
    return 'It is marked as having nobody to reach, so no more calls are planned. Add a contact if you find one.';
  const answer = [...application.followUps]
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
    .find(
      (touch) =>
        // The same rule as the playbook's planner: an employer's answer to a status touch ends the cadence.
        touch.direction === FollowUpDirection.INBOUND ||
        (isEmployerAnswer(touch.outcome) && isStatusTouch(touch.purpose)),
    );
  if (answer) {
    return 'The employer answered, so the follow-up cadence has stopped. When you hear more, change the stage; if a week passes in silence, call again.';
  }
  return null;
}
