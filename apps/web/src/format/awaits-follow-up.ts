import { ApplicationStage } from '@followthrough/shared-domain';

// Sent and still open: the employer has it, so someone should be chasing it. Saved ones are not
// sent yet; hired, rejected and withdrawn ones are over.
const OPEN_STAGES = new Set<ApplicationStage>([
  ApplicationStage.APPLIED,
  ApplicationStage.SCREENING,
  ApplicationStage.INTERVIEWING,
  ApplicationStage.OFFER,
]);

/** Whether an application in this stage with no touch at all is a follow-up that was never made. */
export function awaitsFollowUp(stage: ApplicationStage): boolean {
  return OPEN_STAGES.has(stage);
}
