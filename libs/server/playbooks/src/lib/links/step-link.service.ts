import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FollowUpOutcome, FollowUpPurpose, Role, StepStatus } from '@followthrough/shared-domain';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ApplicationDirectory, ApplicationSummary, FollowUpService } from '@followthrough/server-pipeline';
import { SignedLinkService } from '@followthrough/server-core';
import { StepInstance } from '../entities/step-instance.entity';

export const LOG_FOLLOW_UP_PURPOSE = 'log-follow-up';

/** The answers a client can give with one click, per kind of step. */
export const ONE_CLICK_OUTCOMES: Record<FollowUpPurpose, { outcome: FollowUpOutcome; label: string }[]> = {
  [FollowUpPurpose.STATUS_CHECK]: [
    { outcome: FollowUpOutcome.GOT_STATUS, label: 'I reached them and learned where I stand' },
    { outcome: FollowUpOutcome.GOT_PROCESS_INFO, label: 'They explained the hiring process' },
    { outcome: FollowUpOutcome.INTERVIEW_OFFERED, label: 'They offered me an interview' },
    { outcome: FollowUpOutcome.VOICEMAIL, label: 'I left a voicemail' },
    { outcome: FollowUpOutcome.NO_ANSWER, label: 'Nobody answered' },
    { outcome: FollowUpOutcome.GATEKEEPER, label: 'Someone else took the call and did not put me through' },
  ],
  [FollowUpPurpose.PROCESS_INFO]: [
    { outcome: FollowUpOutcome.GOT_PROCESS_INFO, label: 'They explained the hiring process' },
    { outcome: FollowUpOutcome.NO_ANSWER, label: 'Nobody answered' },
  ],
  [FollowUpPurpose.FIND_CONTACT]: [
    { outcome: FollowUpOutcome.GOT_CONTACT_NAME, label: 'I got the name of the person who recruits' },
    { outcome: FollowUpOutcome.GATEKEEPER, label: 'They would not tell me' },
    { outcome: FollowUpOutcome.NO_ANSWER, label: 'Nobody answered' },
  ],
  [FollowUpPurpose.FEEDBACK_REQUEST]: [
    { outcome: FollowUpOutcome.GOT_FEEDBACK, label: 'They gave me feedback' },
    { outcome: FollowUpOutcome.VOICEMAIL, label: 'I left a voicemail' },
    { outcome: FollowUpOutcome.NO_ANSWER, label: 'Nobody answered' },
  ],
  [FollowUpPurpose.THANK_YOU]: [{ outcome: FollowUpOutcome.SPOKE_TO_DECISION_MAKER, label: 'I thanked them' }],
};

export interface LinkedStep {
  step: StepInstance;
  application: ApplicationSummary;
}

/** The "log it" link in a step e-mail: see the step and record how it went, without signing in. */
@Injectable()
export class StepLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: SignedLinkService,
    private readonly identity: IdentityDirectory,
    private readonly applications: ApplicationDirectory,
    private readonly followUps: FollowUpService,
  ) {}

  /** The step a token points at, or null when the token is not genuine or the step is gone. */
  async find(token: string): Promise<LinkedStep | null> {
    const claims = this.links.verify(LOG_FOLLOW_UP_PURPOSE, token)?.claims;
    const agencyId = claims?.['agencyId'];
    const stepId = claims?.['stepInstanceId'];
    if (!agencyId || !stepId) return null;
    const step = await this.dataSource.getRepository(StepInstance).findOneBy({ agencyId, id: stepId });
    // The link is the client's own: it never acts for anyone else.
    if (!step || step.clientUserId !== claims['userId']) return null;
    const application = (await this.applications.summariesByIds({ agencyId }, [step.applicationId])).get(
      step.applicationId,
    );
    return application ? { step, application } : null;
  }

  /** Logs the touch the step asked for with the given outcome, as the client. */
  async log(linked: LinkedStep, outcome: FollowUpOutcome): Promise<'logged' | 'not-pending' | 'not-allowed'> {
    const { step } = linked;
    if (!ONE_CLICK_OUTCOMES[step.purpose].some((choice) => choice.outcome === outcome)) return 'not-allowed';
    const actor = await this.identity.memberActor(step.agencyId, step.clientUserId, Role.CLIENT);
    if (!actor) return 'not-allowed';
    // Mail scanners and double clicks post twice: one click per step at a time, and only while it is pending.
    // The advisory lock holds no row locks, so the follow-up's own transaction can complete the step.
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`step-link:${step.id}`]);
      const current = await manager.findOneBy(StepInstance, { agencyId: step.agencyId, id: step.id });
      if (current?.status !== StepStatus.PENDING) return 'not-pending';
      await this.followUps.log(actor, {
        applicationId: step.applicationId,
        channel: step.channel,
        purpose: step.purpose,
        outcome,
      });
      return 'logged';
    });
  }
}
