import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FollowUpDirection } from '@followthrough/shared-domain';
import {
  Actor,
  AuditService,
  badInput,
  ClientChanges,
  forbidden,
  notFound,
  whereScoped,
} from '@followthrough/server-core';
import { CorrectFollowUpInput, LogFollowUpInput } from '../dto/pipeline.inputs';
import { FollowUpView } from '../dto/pipeline.types';
import { Contact } from '../entities/contact.entity';
import { FollowUp } from '../entities/follow-up.entity';
import { PipelinePolicy } from '../pipeline.policy';
import { lockApplication } from './application-lock';
import { PipelineEvents } from './pipeline-events.service';
import { followUpView } from './pipeline-views';

/** How long the author of a touch may correct or delete it: long enough to notice a slip, short of rewriting history. */
export const FOLLOW_UP_EDIT_WINDOW_MS = 24 * 3_600_000;

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
    private readonly changes: ClientChanges,
  ) {}

  async log(actor: Actor, input: LogFollowUpInput): Promise<FollowUpView> {
    return this.dataSource.transaction(async (manager) => {
      const application = await lockApplication(this.policy, actor, manager, input.applicationId);
      if (input.idempotencyKey) {
        // A resend (a phone back online, a retried request) gets the touch already stored. Replays of
        // one touch queue on the application's lock, so the second one sees the first one's row.
        const earlier = await manager.findOne(FollowUp, {
          where: { agencyId: actor.agencyId, loggedByUserId: actor.userId, idempotencyKey: input.idempotencyKey },
          // A deleted touch keeps its key: resending it must not bring the touch back.
          withDeleted: true,
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

  /** The author fixes a slip (channel, outcome, time, notes) within 24 hours of logging the touch. */
  async correct(actor: Actor, input: CorrectFollowUpInput): Promise<FollowUpView> {
    return this.dataSource.transaction(async (manager) => {
      const followUp = await this.editable(actor, manager, input.followUpId, 'input.followUpId');
      const patch: Partial<FollowUp> = {};
      if (input.channel !== undefined) patch.channel = input.channel;
      if (input.purpose !== undefined) patch.purpose = input.purpose;
      if (input.outcome !== undefined) patch.outcome = input.outcome;
      if (input.direction !== undefined) patch.direction = input.direction;
      if (input.occurredAt !== undefined) patch.occurredAt = input.occurredAt;
      if (input.notes !== undefined) patch.notes = input.notes || null;
      if (Object.keys(patch).length === 0) throw badInput('input', 'changes nothing: give what to correct');
      await manager.update(FollowUp, { agencyId: actor.agencyId, id: followUp.id }, patch);
      Object.assign(followUp, patch);
      await this.refreshLastTouch(manager, actor.agencyId, followUp.applicationId);
      await this.audit.record(
        actor,
        {
          action: 'followUp.corrected',
          entityType: 'FollowUp',
          entityId: followUp.id,
          subjectUserId: followUp.clientUserId,
        },
        manager,
      );
      await this.changes.changed(manager, actor.agencyId, followUp.clientUserId);
      return followUpView(followUp);
    });
  }

  /** Soft: the row stays (for the audit trail) but lists and figures leave it out. */
  async delete(actor: Actor, followUpId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const followUp = await this.editable(actor, manager, followUpId, 'followUpId');
      await manager.softDelete(FollowUp, { agencyId: actor.agencyId, id: followUp.id });
      await this.refreshLastTouch(manager, actor.agencyId, followUp.applicationId);
      await this.audit.record(
        actor,
        {
          action: 'followUp.deleted',
          entityType: 'FollowUp',
          entityId: followUp.id,
          subjectUserId: followUp.clientUserId,
        },
        manager,
      );
      await this.changes.changed(manager, actor.agencyId, followUp.clientUserId);
      return true;
    });
  }

  /** The touch, with its application locked, when the actor logged it less than 24 hours ago. */
  private async editable(actor: Actor, manager: EntityManager, followUpId: string, field: string): Promise<FollowUp> {
    const query = manager
      .getRepository(FollowUp)
      .createQueryBuilder('followUp')
      .where('followUp.id = :followUpId', { followUpId });
    const found = await whereScoped(query, this.policy.clientRowScope(actor, 'followUp')).getOne();
    if (!found) throw notFound('Follow-up');
    await lockApplication(this.policy, actor, manager, found.applicationId);
    if (found.loggedByUserId !== actor.userId)
      throw forbidden('Only the person who logged this touch can correct or delete it.');
    if (Date.now() - found.createdAt.getTime() > FOLLOW_UP_EDIT_WINDOW_MS)
      throw badInput(field, 'can only be corrected or deleted within 24 hours of logging it; log a new touch instead');
    return found;
  }

  /** The application's last touch, from the touches it still has. */
  private async refreshLastTouch(manager: EntityManager, agencyId: string, applicationId: string): Promise<void> {
    await manager.query(
      `UPDATE applications SET updated_at = now(), last_touch_at = (
         SELECT max(f.occurred_at) FROM follow_ups f
          WHERE f.agency_id = $1 AND f.application_id = $2 AND f.deleted_at IS NULL)
        WHERE agency_id = $1 AND id = $2`,
      [agencyId, applicationId],
    );
  }
}
