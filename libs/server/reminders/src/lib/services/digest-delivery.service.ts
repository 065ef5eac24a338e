import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReminderStatus } from '@followthrough/shared-domain';
import { UnrecoverableError } from 'bullmq';
import { AGENCY_MAIL_HEADER, isMailWithdrawn, MailPort } from '@followthrough/server-core';
import { IdentityDirectory } from '@followthrough/server-identity';
import { ComposedMessage } from '../composers/reminder-composer';
import { ReminderComposerRegistry } from '../composers/reminder-composer.registry';
import { ReminderSkipReason } from '../entities';
import { SendDigestJob } from '../queue/reminder-jobs';
import { NotificationPreferenceService } from './notification-preference.service';
import {
  AttemptInfo,
  DeliveryOutcome,
  REMINDER_COLUMNS,
  ReminderDeliveryService,
  toCompose,
} from './reminder-delivery.service';
import { MailRefusalService, PermanentMailRefusal, refusedAddressText } from './mail-refusal.service';
import { buildMail, composeDigest, digestMessageId, errorText, firstNameOf } from './reminder-message';
import { decideSendWindow } from './send-window';
import { SmtpHandOff } from './smtp-hand-off';
import { returnedRows } from './sql-results';

interface DigestRow {
  id: string;
  agency_id: string;
  recipient_user_id: string;
  due_at: Date;
}

/**
 * Sends one person's daily digest: every reminder waiting in it, composed by their composers,
 * in one e-mail. The digest and its reminders become SENT together, with the same message id.
 */
@Injectable()
export class DigestDeliveryService {
  private readonly logger = new Logger('DigestDelivery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: IdentityDirectory,
    private readonly preferences: NotificationPreferenceService,
    private readonly composers: ReminderComposerRegistry,
    private readonly reminders: ReminderDeliveryService,
    private readonly mail: MailPort,
    private readonly handOff: SmtpHandOff,
    private readonly refusals: MailRefusalService,
  ) {}

  async deliver(job: SendDigestJob, attempt: AttemptInfo): Promise<DeliveryOutcome> {
    const [digest] = returnedRows<DigestRow>(
      await this.dataSource.query(
        `UPDATE reminder_digests SET status = '${ReminderStatus.SENDING}', attempts = attempts + 1, updated_at = now()
          WHERE id = $1 AND agency_id = $2 AND status IN ('${ReminderStatus.SCHEDULED}', '${ReminderStatus.SENDING}')
          RETURNING id, agency_id, recipient_user_id, due_at`,
        [job.digestId, job.agencyId],
      ),
    );
    if (!digest) return 'noop';
    try {
      return await this.deliverClaimed(digest);
    } catch (error) {
      if (isMailWithdrawn(error)) throw error; // withdrawn at shutdown: not a failed attempt
      if (error instanceof PermanentMailRefusal) {
        await this.refusals.record(digest.agency_id, error.email, error.failure);
        await this.recordFailure(digest, error, { attempt: 1, maxAttempts: 1 });
        throw new UnrecoverableError(error.message);
      }
      await this.recordFailure(digest, error, attempt);
      throw error;
    }
  }

  private async deliverClaimed(digest: DigestRow): Promise<DeliveryOutcome> {
    const [recipient] = await this.directory.people(digest.agency_id, [digest.recipient_user_id]);
    if (!recipient) return this.skipAll(digest, ReminderSkipReason.RECIPIENT_GONE);
    const preference = await this.preferences.get(digest.agency_id, digest.recipient_user_id);
    if (preference.unsubscribed) return this.skipAll(digest, ReminderSkipReason.UNSUBSCRIBED);
    const refusal = await this.refusals.find(digest.agency_id, recipient.email);
    if (refusal) {
      await this.recordFailure(digest, new Error(refusedAddressText(refusal)), { attempt: 1, maxAttempts: 1 });
      return 'failed';
    }
    const now = new Date();
    const calendar = await this.directory.calendarOf(digest.agency_id);
    const window = decideSendWindow({
      timing: 'business-hours',
      dueAt: new Date(digest.due_at),
      now,
      calendar,
      timeZone: recipient.timezone,
      mayJoinDigest: false,
    });
    if (window.action === 'defer') {
      await this.dataSource.query(
        `UPDATE reminder_digests SET status = '${ReminderStatus.SCHEDULED}', due_at = $2, enqueued_at = NULL, job_id = NULL,
                attempts = GREATEST(attempts - 1, 0), updated_at = now()
          WHERE id = $1 AND status = '${ReminderStatus.SENDING}'`,
        [digest.id, window.until],
      );
      return 'deferred';
    }

    const rows = await this.dataSource.query(
      `SELECT ${REMINDER_COLUMNS} FROM reminders
        WHERE digest_id = $1 AND agency_id = $2 AND status = '${ReminderStatus.IN_DIGEST}'
        ORDER BY due_at, id`,
      [digest.id, digest.agency_id],
    );
    const sections: ComposedMessage[] = [];
    const included: string[] = [];
    const context = this.reminders.composeContext(digest.agency_id, recipient, this.dataSource.manager, now);
    for (const row of rows) {
      const composer = this.composers.get(row.kind);
      if (!composer) throw new Error(`No composer is registered for reminder kind "${row.kind}"`);
      const composed = await composer.compose(toCompose(row), context);
      if (composed === 'skip') {
        await this.dataSource.query(
          `UPDATE reminders SET status = '${ReminderStatus.SKIPPED}', skip_reason = $2, updated_at = now() WHERE id = $1 AND status = '${ReminderStatus.IN_DIGEST}'`,
          [row.id, ReminderSkipReason.NOT_NEEDED],
        );
        continue;
      }
      sections.push(composed);
      included.push(row.id);
    }
    if (sections.length === 0) return this.skipAll(digest, ReminderSkipReason.NOT_NEEDED);

    const dayLabel = new Intl.DateTimeFormat('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: recipient.timezone,
    }).format(new Date(digest.due_at));
    const message = composeDigest(firstNameOf(recipient.name), dayLabel, sections);
    const mail = buildMail(
      recipient.email,
      digestMessageId(digest.id),
      message,
      this.reminders.recipientLinks(digest.agency_id, recipient.userId),
      {
        'X-Followthrough-Digest': digest.id,
        [AGENCY_MAIL_HEADER]: digest.agency_id,
      },
    );
    return this.handOff.run(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = '15s'`);
        const [current]: { status: ReminderStatus }[] = await manager.query(
          `SELECT status FROM reminder_digests WHERE id = $1 FOR UPDATE`,
          [digest.id],
        );
        if (current?.status !== ReminderStatus.SENDING) return 'noop' as const;
        // Holding these rows keeps a concurrent cancel from slipping between the send and the record.
        await manager.query(`SELECT id FROM reminders WHERE id = ANY($1::uuid[]) FOR UPDATE`, [included]);
        const receipt = await this.reminders.sendOrExplain(mail, recipient.email);
        const providerMessageId = receipt.providerMessageId.slice(0, 200);
        await manager.query(
          `UPDATE reminder_digests SET status = '${ReminderStatus.SENT}', provider_message_id = $2, sent_at = now(), last_error = NULL, updated_at = now() WHERE id = $1`,
          [digest.id, providerMessageId],
        );
        await manager.query(
          `UPDATE reminders SET status = '${ReminderStatus.SENT}', provider_message_id = $2, sent_at = now(), last_error = NULL, updated_at = now()
            WHERE id = ANY($1::uuid[]) AND status = '${ReminderStatus.IN_DIGEST}'`,
          [included, providerMessageId],
        );
        return 'sent' as const;
      }),
    );
  }

  private async skipAll(digest: DigestRow, reason: ReminderSkipReason): Promise<DeliveryOutcome> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE reminder_digests SET status = '${ReminderStatus.SKIPPED}', updated_at = now() WHERE id = $1`,
        [digest.id],
      );
      await manager.query(
        `UPDATE reminders SET status = '${ReminderStatus.SKIPPED}', skip_reason = $3, updated_at = now()
          WHERE digest_id = $1 AND agency_id = $2 AND status = '${ReminderStatus.IN_DIGEST}'`,
        [digest.id, digest.agency_id, reason],
      );
    });
    return 'skipped';
  }

  private async recordFailure(digest: DigestRow, error: unknown, attempt: AttemptInfo): Promise<void> {
    const final = attempt.attempt >= attempt.maxAttempts;
    const text = errorText(error);
    await this.dataSource
      .transaction(async (manager) => {
        await manager.query(
          `UPDATE reminder_digests SET last_error = $2, status = CASE WHEN $3 THEN '${ReminderStatus.FAILED}' ELSE status END, updated_at = now()
            WHERE id = $1 AND status = '${ReminderStatus.SENDING}'`,
          [digest.id, text, final],
        );
        await manager.query(
          `UPDATE reminders SET last_error = $2, status = CASE WHEN $3 THEN '${ReminderStatus.FAILED}' ELSE status END, updated_at = now()
            WHERE digest_id = $1 AND status = '${ReminderStatus.IN_DIGEST}'`,
          [digest.id, text, final],
        );
      })
      .catch((recordError: Error) =>
        this.logger.error(`Could not record the failure of digest ${digest.id}: ${recordError.message}`),
      );
    if (final) this.logger.warn(`Digest ${digest.id} FAILED after ${attempt.attempt} attempts: ${text}`);
  }
}
