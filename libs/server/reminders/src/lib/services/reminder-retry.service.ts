import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReminderStatus } from '@followthrough/shared-domain';
import { Actor, AuditService, badInput, forbidden, notFound } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ReminderView } from '../dto/reminder.types';
import { ReminderAccessPolicy } from '../reminders.policy';
import { MailRefusalService } from './mail-refusal.service';
import { assertUuid } from './reminder-input';
import { ReminderQueryService } from './reminder-query.service';

/**
 * An admin sends a FAILED reminder again: it goes back to SCHEDULED, due now, with its attempts
 * reset and out of any digest it was in. Retrying also lifts the recipient address's refusal mark:
 * the admin is saying the address works now.
 */
@Injectable()
export class ReminderRetryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: ReminderAccessPolicy,
    private readonly query: ReminderQueryService,
    private readonly directory: IdentityDirectory,
    private readonly refusals: MailRefusalService,
    private readonly audit: AuditService,
  ) {}

  async retry(actor: Actor, reminderId: string): Promise<ReminderView> {
    if (!this.policy.canRetry(actor)) throw forbidden('Only an agency admin can retry a reminder.');
    assertUuid(reminderId, 'reminderId');
    await this.dataSource.transaction(async (manager) => {
      const [row]: { status: ReminderStatus; recipient_user_id: string }[] = await manager.query(
        `SELECT status, recipient_user_id FROM reminders WHERE id = $1 AND agency_id = $2 FOR UPDATE`,
        [reminderId, actor.agencyId],
      );
      if (!row) throw notFound('Reminder');
      if (row.status !== ReminderStatus.FAILED) {
        throw badInput(
          'reminderId',
          `only a failed reminder can be retried; this one is ${row.status.toLowerCase().replace('_', ' ')}`,
        );
      }
      const [recipient] = await this.directory.people(actor.agencyId, [row.recipient_user_id], manager);
      if (recipient) await this.refusals.clear(manager, actor.agencyId, recipient.email);
      await manager.query(
        `UPDATE reminders SET status = '${ReminderStatus.SCHEDULED}', attempts = 0, last_error = NULL, skip_reason = NULL,
                digest_id = NULL, enqueued_at = NULL, job_id = NULL, due_at = now(), updated_at = now()
          WHERE id = $1 AND agency_id = $2`,
        [reminderId, actor.agencyId],
      );
      await this.audit.record(
        actor,
        {
          action: 'reminder.retried',
          entityType: 'reminder',
          entityId: reminderId,
          subjectUserId: row.recipient_user_id,
        },
        manager,
      );
    });
    return this.query.one(actor, reminderId);
  }
}
