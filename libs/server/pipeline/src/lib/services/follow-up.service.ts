import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FollowUpDirection } from '@followthrough/shared-domain';
import { Actor, AuditService, notFound } from '@followthrough/server-core';
import { LogFollowUpInput } from '../dto/pipeline.inputs';
import { FollowUpView } from '../dto/pipeline.types';
import { Application } from '../entities/application.entity';
import { Contact } from '../entities/contact.entity';
import { FollowUp } from '../entities/follow-up.entity';
import { PipelinePolicy } from '../pipeline.policy';
import { lockApplication } from './application-lock';
import { PipelineEvents } from './pipeline-events.service';
import { followUpView } from './pipeline-views';

/** The follow-up log: every touch after applying. */
@Injectable()
export class FollowUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: PipelinePolicy,
    private readonly events: PipelineEvents,
    private readonly audit: AuditService,
  ) {}

  async log(actor: Actor, input: LogFollowUpInput): Promise<FollowUpView> {
    return this.dataSource.transaction(async (manager) => {
      const application = await lockApplication(this.policy, actor, manager, input.applicationId);
      if (input.contactId) {
        // Only a person the same client found at the same company.
        const known = await manager.existsBy(Contact, {
          id: input.contactId,
          agencyId: actor.agencyId,
          clientUserId: application.clientUserId,
          companyId: application.companyId,
        });
        if (!known) throw notFound('Contact');
      }
      const occurredAt = input.occurredAt && input.occurredAt.getTime() < Date.now() ? input.occurredAt : new Date();
      const followUp = await manager.save(
        manager.create(FollowUp, {
          agencyId: actor.agencyId,
          applicationId: application.id,
          clientUserId: application.clientUserId,
          contactId: input.contactId ?? null,
          channel: input.channel,
          direction: input.direction ?? FollowUpDirection.OUTBOUND,
          purpose: input.purpose,
          outcome: input.outcome ?? null,
          occurredAt,
          notes: input.notes || null,
          loggedByUserId: actor.userId,
          onBehalf: this.policy.onBehalf(actor, application.clientUserId),
        }),
      );
      await manager
        .createQueryBuilder()
        .update(Application)
        .set({ lastTouchAt: () => 'GREATEST(COALESCE(last_touch_at, :occurredAt), :occurredAt)' })
        .where('agency_id = :agencyId AND id = :id', { agencyId: actor.agencyId, id: application.id })
        .setParameter('occurredAt', occurredAt)
        .execute();
      await this.audit.record(
        actor,
        { action: 'followUp.logged', entityType: 'FollowUp', entityId: followUp.id, subjectUserId: application.clientUserId },
        manager,
      );
      await this.events.emitFollowUpLogged(
        {
          agencyId: actor.agencyId,
          clientUserId: application.clientUserId,
          applicationId: application.id,
          actorUserId: actor.userId,
          occurredAt,
          followUpId: followUp.id,
          channel: followUp.channel,
          direction: followUp.direction,
          purpose: followUp.purpose,
          outcome: followUp.outcome,
        },
        manager,
      );
      return followUpView(followUp);
    });
  }
}
