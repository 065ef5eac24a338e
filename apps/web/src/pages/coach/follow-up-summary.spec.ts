import { ApplicationStage, FollowUpChannel } from '@followthrough/shared-domain';
import type { FollowUpFieldsFragment as FollowUp } from '../../api/generated/graphql';
import { ApplicationWithFollowUps, summarizeFollowUp } from './follow-up-summary';

const touch = (channel: FollowUpChannel) => ({ channel }) as FollowUp;
const application = (stage: ApplicationStage, ...channels: FollowUpChannel[]) =>
  ({ stage, followUps: channels.map(touch) }) as ApplicationWithFollowUps;

describe('summarizeFollowUp', () => {
  it('counts touches, the share beyond e-mail and applied applications without a touch', () => {
    const summary = summarizeFollowUp([
      application(
        ApplicationStage.APPLIED,
        FollowUpChannel.PHONE,
        FollowUpChannel.EMAIL,
        FollowUpChannel.SALES_LINE,
        FollowUpChannel.LINKEDIN,
      ),
      application(ApplicationStage.APPLIED),
      application(ApplicationStage.SAVED),
      application(ApplicationStage.WITHDRAWN),
    ]);
    expect(summary).toEqual({ applications: 4, touches: 4, beyondEmailShare: 0.5, untouched: 1 });
  });

  it('has no share when nothing was logged', () => {
    expect(summarizeFollowUp([]).beyondEmailShare).toBeNull();
  });
});
