import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { formatLocalDate, localDateTime, nextBusinessMorning, ReminderStatus } from '@followthrough/shared-domain';
import { AGENCY_MAIL_HEADER, isMailWithdrawn, MailPort } from '@followthrough/server-core';
import { IdentityDirectory, PersonContact } from '@followthrough/server-identity';
import { ComposeContext, ReminderToCompose } from '../composers/reminder-composer';
import { ReminderComposerRegistry } from '../composers/reminder-composer.registry';
import { NotificationMode, ReminderSkipReason } from '../entities';
import { SignedLinkService } from '../links/signed-link.service';
import { SendReminderJob } from '../queue/reminder-jobs';
import { NotificationPreferenceService } from './notification-preference.service';
import { buildMail, errorText, reminderMessageId } from './reminder-message';
import { SmtpHandOff } from './smtp-hand-off';
import { returnedRows } from './sql-results';

/** Which try this is, from BullMQ's bookkeeping. */
export interface AttemptInfo {
  attempt: number;
  maxAttempts: number;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'digest' | 'noop';

interface ReminderRow {
  id: string;
  agency_id: string;
  kind: string;
  recipient_user_id: string;
  due_at: Date;
  idempotency_key: string;
  refs: Record<string, string>;
}

export function toCompose(row: ReminderRow): ReminderToCompose {
  return {
    id: row.id,
    agencyId: row.agency_id,
    kind: row.kind,
    recipientUserId: row.recipient_user_id,
    dueAt: new Date(row.due_at),
    idempotencyKey: row.idempotency_key,
    refs: row.refs,
  };
}

export const REMINDER_COLUMNS = 'id, agency_id, kind, recipient_user_id, due_at, idempotency_key, refs';

/**
 * Delivers one reminder: SCHEDULED → SENDING → SENT (with the provider's message id), or SKIPPED
 * (unsubscribed, no longer needed, recipient gone), or into the recipient's next daily digest.
 * A failure is recorded and rethrown so BullMQ retries with backoff; the last one makes it FAILED.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger('ReminderDelivery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: IdentityDirectory,
    private readonly preferences: NotificationPreferenceService,
    private readonly composers: ReminderComposerRegistry,
    private readonly links: SignedLinkService,
    private readonly mail: MailPort,
    private readonly handOff: SmtpHandOff,
  ) {}

  async deliver(job: SendReminderJob, attempt: AttemptInfo): Promise<DeliveryOutcome> {
    const claimed = returnedRows<ReminderRow>(
      await this.dataSource.query(
        `UPDATE reminders SET status = '${ReminderStatus.SENDING}', attempts = attempts + 1, updated_at = now()
          WHERE id = $1 AND agency_id = $2 AND digest_id IS NULL
            AND status IN ('${ReminderStatus.SCHEDULED}', '${ReminderStatus.SENDING}')
          RETURNING ${REMINDER_COLUMNS}`,
        [job.reminderId, job.agencyId],
      ),
    );
    const row = claimed[0];
    if (!row) return 'noop'; // already sent, skipped, failed, cancelled, or waiting in a digest
    try {
      return await this.deliverClaimed(row);
    } catch (error) {
      if (isMailWithdrawn(error)) throw error; // withdrawn at shutdown: not a failed attempt
      await this.recordFailure(row, error, attempt);
      throw error;
    }
  }

  private async deliverClaimed(row: ReminderRow): Promise<DeliveryOutcome> {
    const [recipient] = await this.directory.people(row.agency_id, [row.recipient_user_id]);
    if (!recipient) return this.skip(row, ReminderSkipReason.RECIPIENT_GONE);
    const preference = await this.preferences.get(row.agency_id, row.recipient_user_id);
    if (preference.unsubscribed) return this.skip(row, ReminderSkipReason.UNSUBSCRIBED);
    if (preference.mode === NotificationMode.DAILY_DIGEST) {
      await this.addToDigest(row, recipient);
      return 'digest';
    }

    const composer = this.composers.get(row.kind);
    if (!composer) throw new Error(`No composer is registered for reminder kind "${row.kind}"`);
    const composed = await composer.compose(toCompose(row), this.composeContext(row.agency_id, recipient, this.dataSource.manager));
    if (composed === 'skip') return this.skip(row, ReminderSkipReason.NOT_NEEDED);

    const mail = buildMail(recipient.email, reminderMessageId(row.id), composed, this.recipientLinks(row.agency_id, recipient.userId), {
      'X-Followthrough-Reminder': row.id,
      [AGENCY_MAIL_HEADER]: row.agency_id,
    });
    return this.handOff.run(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = '15s'`);
        const [current]: { status: ReminderStatus; digest_id: string | null }[] = await manager.query(
          `SELECT status, digest_id FROM reminders WHERE id = $1 AND agency_id = $2 FOR UPDATE`,
          [row.id, row.agency_id],
        );
        if (current?.status !== ReminderStatus.SENDING || current.digest_id) return 'noop' as const;
        const receipt = await this.mail.send(mail);
        await manager.query(
          `UPDATE reminders SET status = '${ReminderStatus.SENT}', provider_message_id = $3, sent_at = now(), last_error = NULL, updated_at = now()
            WHERE id = $1 AND agency_id = $2`,
          [row.id, row.agency_id, receipt.providerMessageId.slice(0, 200)],
        );
        return 'sent' as const;
      }),
    );
  }

  composeContext(agencyId: string, recipient: PersonContact, manager: EntityManager): ComposeContext {
    return {
      recipient,
      manager,
      signedUrl: (path, purpose, claims = {}) => this.links.url(path, purpose, { ...claims, agencyId, userId: recipient.userId }),
    };
  }

  recipientLinks(agencyId: string, userId: string) {
    return { unsubscribeUrl: this.preferences.unsubscribeUrl(agencyId, userId), preferencesUrl: this.preferences.preferencesUrl(agencyId, userId) };
  }

  private async skip(row: ReminderRow, reason: ReminderSkipReason): Promise<DeliveryOutcome> {
    await this.dataSource.query(
      `UPDATE reminders SET status = '${ReminderStatus.SKIPPED}', skip_reason = $3, updated_at = now()
        WHERE id = $1 AND agency_id = $2 AND status = '${ReminderStatus.SENDING}'`,
      [row.id, row.agency_id, reason],
    );
    return 'skipped';
  }

  /**
   * Puts the reminder into the recipient's digest for their next business morning. A digest that
   * has already started going out is closed: the reminder goes into the one after.
   */
  private async addToDigest(row: ReminderRow, recipient: PersonContact): Promise<void> {
    const calendar = await this.directory.calendarOf(row.agency_id);
    let from = new Date();
    for (let tries = 0; tries < 5; tries += 1) {
      const sendAt = nextBusinessMorning(from, calendar, { timeZone: recipient.timezone });
      const digestDate = formatLocalDate(localDateTime(sendAt, recipient.timezone));
      const joined = await this.dataSource.transaction(async (manager) => {
        const [digest]: { id: string; status: ReminderStatus }[] = await manager.query(
          `INSERT INTO reminder_digests (agency_id, recipient_user_id, digest_date, due_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (agency_id, recipient_user_id, digest_date) DO UPDATE SET updated_at = now()
           RETURNING id, status`,
          [row.agency_id, row.recipient_user_id, digestDate, sendAt],
        );
        if (digest.status !== ReminderStatus.SCHEDULED) return false;
        await manager.query(
          `UPDATE reminders SET digest_id = $3, updated_at = now()
            WHERE id = $1 AND agency_id = $2 AND status = '${ReminderStatus.SENDING}' AND digest_id IS NULL`,
          [row.id, row.agency_id, digest.id],
        );
        return true;
      });
      if (joined) return;
      from = new Date(sendAt.getTime() + 60_000);
    }
    throw new Error('No open digest could take the reminder');
  }

  private async recordFailure(row: ReminderRow, error: unknown, attempt: AttemptInfo): Promise<void> {
    const final = attempt.attempt >= attempt.maxAttempts;
    await this.dataSource
      .query(
        `UPDATE reminders SET last_error = $3, status = CASE WHEN $4 THEN '${ReminderStatus.FAILED}' ELSE status END, updated_at = now()
          WHERE id = $1 AND agency_id = $2 AND status = '${ReminderStatus.SENDING}' AND digest_id IS NULL`,
        [row.id, row.agency_id, errorText(error), final],
      )
      .catch((recordError: Error) => this.logger.error(`Could not record the failure of reminder ${row.id}: ${recordError.message}`));
    if (final) this.logger.warn(`Reminder ${row.id} FAILED after ${attempt.attempt} attempts: ${errorText(error)}`);
  }
}
