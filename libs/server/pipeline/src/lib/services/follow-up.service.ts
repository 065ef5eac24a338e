import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FollowUpDirection } from '@followthrough/shared-domain';
import { Actor, AuditService, badInput, notFound } from '@followthrough/server-core';
import { LogFollowUpInput } from '../dto/pipeline.inputs';
import { FollowUpView } from '../dto/pipeline.types';
import { Contact } from '../entities/contact.entity';
import { FollowUp } from '../entities/follow-up.entity';
import { PipelinePolicy } from '../pipeline.policy';
import { lockApplication } from './application-lock';
import { PipelineEvents } from './pipeline-events.service';
import { followUpView } from './pipeline-views';

/**
 * The follow-up log: every touch after applying. Logging one is a single transaction that also carries
 * the listeners of playbooks and insights (the README's "What one logged follow-up sets in motion").
 */
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
      if (input.idempotencyKey) {
        // A resend (a phone back online, a retried request) gets the touch already stored. Replays of
        // one touch queue on the application's lock, so the second one sees the first one's row.
        const earlier = await manager.findOneBy(FollowUp, {
          agencyId: actor.agencyId,
          loggedByUserId: actor.userId,
          idempotencyKey: input.idempotencyKey,
        });
        if (earlier && earlier.applicationId !== application.id)
          throw badInput('input.idempotencyKey', 'was already used for a touch on another application');
        if (earlier) return followUpView(earlier);
      }
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
      const followUp = manager.create(FollowUp, {
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
        idempotencyKey: input.idempotencyKey ?? null,
      });
      // The touch and the application's last-touch time in one statement (a write path counts its statements).
      const [inserted]: { id: string; created_at: Date }[] = await manager.query(
        `WITH touched AS (
           UPDATE applications SET last_touch_at = GREATEST(COALESCE(last_touch_at, $9), $9), updated_at = now()
            WHERE agency_id = $1 AND id = $2
         )
         INSERT INTO follow_ups (agency_id, application_id, client_user_id, contact_id, channel, direction, purpose, outcome, occurred_at,
                                 notes, logged_by_user_id, on_behalf, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         RETURNING id, created_at`,
        [
          followUp.agencyId,
          followUp.applicationId,
          followUp.clientUserId,
          followUp.contactId,
          followUp.channel,
          followUp.direction,
          followUp.purpose,
          followUp.outcome,
          followUp.occurredAt,
          followUp.notes,
          followUp.loggedByUserId,
          followUp.onBehalf,
          followUp.idempotencyKey,
        ],
      );
      followUp.id = inserted.id;
      followUp.createdAt = inserted.created_at;
      await this.audit.record(
        actor,
        {
          action: 'followUp.logged',
          entityType: 'FollowUp',
          entityId: followUp.id,
          subjectUserId: application.clientUserId,
        },
        manager,
      );
      // Side effects in two other libs run here, inside this transaction, and commit or roll back with the
      // touch (see their *-events.listeners.ts): playbooks moves the application's cadence (steps done,
      // moved or planned, their reminders booked through reminders), then, just before COMMIT, insights
      // redoes the client's rollup. A listener that throws undoes the touch.
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
