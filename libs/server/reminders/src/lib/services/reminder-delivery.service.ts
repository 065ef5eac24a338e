import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UnrecoverableError } from 'bullmq';
import {
  BusinessCalendar,
  earliestSendTime,
  formatLocalDate,
  localDateTime,
  nextBusinessMorning,
  ReminderStatus,
} from '@followthrough/shared-domain';
import {
  AGENCY_MAIL_HEADER,
  classifyMailFailure,
  isMailWithdrawn,
  MailPort,
  SignedLinkService,
} from '@followthrough/server-core';
import { IdentityDirectory, PersonContact } from '@followthrough/server-identity';
import { ComposeContext, ReminderToCompose } from '../composers/reminder-composer';
import { ReminderComposerRegistry } from '../composers/reminder-composer.registry';
import { NotificationMode, ReminderSkipReason, ReminderTiming } from '../entities';
import { SendReminderJob } from '../queue/reminder-jobs';
import { NotificationPreferenceService } from './notification-preference.service';
import { buildMail, errorText, reminderMessageId } from './reminder-message';
import { MailRefusalService, PermanentMailRefusal, refusedAddressText } from './mail-refusal.service';
import { decideSendWindow } from './send-window';
import { SmtpHandOff } from './smtp-hand-off';
import { returnedRows } from './sql-results';

/** Which try this is, from BullMQ's bookkeeping. */
export interface AttemptInfo {
  attempt: number;
  maxAttempts: number;
}

/** 'deferred': back to SCHEDULED for the next allowed moment; 'failed': FAILED at once, not retried. */
export type DeliveryOutcome = 'sent' | 'skipped' | 'digest' | 'deferred' | 'failed' | 'noop';

interface ReminderRow {
  id: string;
  agency_id: string;
  kind: string;
  recipient_user_id: string;
  due_at: Date;
  idempotency_key: string;
  refs: Record<string, string>;
  timing: ReminderTiming;
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

export const REMINDER_COLUMNS = 'id, agency_id, kind, recipient_user_id, due_at, idempotency_key, refs, timing';

/**
 * Delivers one reminder: SCHEDULED → SENDING → SENT (with the provider's message id), or SKIPPED
 * (unsubscribed, no longer needed, recipient gone), or IN_DIGEST (the recipient's next daily
 * digest), or back to SCHEDULED when this is not a moment it may go out. A temporary failure is
 * recorded and rethrown so BullMQ retries with backoff, the last one making it FAILED; a permanent
 * refusal (SMTP 5xx) makes it FAILED at once and marks the address as refusing mail.
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
    private readonly refusals: MailRefusalService,
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
      if (error instanceof PermanentMailRefusal) {
        await this.refusals.record(row.agency_id, error.email, error.failure);
        await this.fail(row, error.message);
        this.logger.warn(`Reminder ${row.id} FAILED: ${error.message}`);
        throw new UnrecoverableError(error.message);
      }
      await this.recordFailure(row, error, attempt);
      throw error;
    }
  }

  private async deliverClaimed(row: ReminderRow): Promise<DeliveryOutcome> {
    const [recipient] = await this.directory.people(row.agency_id, [row.recipient_user_id]);
    if (!recipient) return this.skip(row, ReminderSkipReason.RECIPIENT_GONE);
    const preference = await this.preferences.get(row.agency_id, row.recipient_user_id);
    if (preference.unsubscribed) return this.skip(row, ReminderSkipReason.UNSUBSCRIBED);
    const refusal = await this.refusals.find(row.agency_id, recipient.email);
    if (refusal) {
      await this.fail(row, refusedAddressText(refusal));
      return 'failed';
    }
    const calendar = await this.directory.calendarOf(row.agency_id);
    const now = new Date();
    const window = decideSendWindow({
      timing: row.timing,
      dueAt: new Date(row.due_at),
      now,
      calendar,
      timeZone: recipient.timezone,
      mayJoinDigest: true,
    });
    if (preference.mode === NotificationMode.DAILY_DIGEST || window.action === 'digest') {
      // A backlog of late steps becomes one catch-up e-mail at the next allowed moment, not a flood;
      // a digest person's reminders wait for their next business morning.
      await this.addToDigest(
        row,
        recipient,
        calendar,
        window.action === 'digest' ? earliestSendTime(now, calendar, { timeZone: recipient.timezone }) : null,
      );
      return 'digest';
    }
    if (window.action === 'defer') return this.defer(row, window.until);

    const composer = this.composers.get(row.kind);
    if (!composer) throw new Error(`No composer is registered for reminder kind "${row.kind}"`);
    const composed = await composer.compose(
      toCompose(row),
      this.composeContext(row.agency_id, recipient, this.dataSource.manager, now),
    );
    if (composed === 'skip') return this.skip(row, ReminderSkipReason.NOT_NEEDED);

    const mail = buildMail(
      recipient.email,
      reminderMessageId(row.id),
      composed,
      this.recipientLinks(row.agency_id, recipient.userId),
      {
        'X-Followthrough-Reminder': row.id,
        [AGENCY_MAIL_HEADER]: row.agency_id,
      },
    );
    return this.handOff.run(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = '15s'`);
        const [current]: { status: ReminderStatus; digest_id: string | null }[] = await manager.query(
          `SELECT status, digest_id FROM reminders WHERE id = $1 AND agency_id = $2 FOR UPDATE`,
          [row.id, row.agency_id],
        );
        if (current?.status !== ReminderStatus.SENDING || current.digest_id) return 'noop' as const;
        const receipt = await this.sendOrExplain(mail, recipient.email);
        await manager.query(
          `UPDATE reminders SET status = '${ReminderStatus.SENT}', provider_message_id = $3, sent_at = now(), last_error = NULL, updated_at = now()
            WHERE id = $1 AND agency_id = $2`,
          [row.id, row.agency_id, receipt.providerMessageId.slice(0, 200)],
        );
        return 'sent' as const;
      }),
    );
  }

  /** The server's answer; a 5xx becomes PermanentMailRefusal, anything else stays a retryable error. */
  async sendOrExplain(mail: Parameters<MailPort['send']>[0], email: string) {
    try {
      return await this.mail.send(mail);
    } catch (error) {
      const failure = classifyMailFailure(error);
      if (failure.kind === 'permanent') throw new PermanentMailRefusal(email, failure);
      throw error;
    }
  }

  composeContext(agencyId: string, recipient: PersonContact, manager: EntityManager, now = new Date()): ComposeContext {
    return {
      recipient,
      manager,
      now,
      signedUrl: (path, purpose, claims = {}) =>
        this.links.url(path, purpose, { ...claims, agencyId, userId: recipient.userId }),
    };
  }

  recipientLinks(agencyId: string, userId: string) {
    return {
      unsubscribeUrl: this.preferences.unsubscribeUrl(agencyId, userId),
      preferencesUrl: this.preferences.preferencesUrl(agencyId, userId),
    };
  }

  /** Back to SCHEDULED, due at the next allowed moment; the scan enqueues it then (under a new job id). */
  private async defer(row: ReminderRow, until: Date): Promise<DeliveryOutcome> {
    await this.dataSource.query(
      `UPDATE reminders SET status = '${ReminderStatus.SCHEDULED}', due_at = $3, enqueued_at = NULL, job_id = NULL,
              attempts = GREATEST(attempts - 1, 0), updated_at = now()
        WHERE id = $1 AND agency_id = $2 AND status = '${ReminderStatus.SENDING}'`,
      [row.id, row.agency_id, until],
    );
    return 'deferred';
  }

  private async fail(row: ReminderRow, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE reminders SET status = '${ReminderStatus.FAILED}', last_error = $3, updated_at = now()
        WHERE id = $1 AND agency_id = $2 AND status = '${ReminderStatus.SENDING}'`,
      [row.id, row.agency_id, reason.slice(0, 500)],
    );
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
  private async addToDigest(
    row: ReminderRow,
    recipient: PersonContact,
    calendar: BusinessCalendar,
    soonest: Date | null,
  ): Promise<void> {
    let from = new Date();
    for (let tries = 0; tries < 5; tries += 1) {
      const sendAt =
        tries === 0 && soonest ? soonest : nextBusinessMorning(from, calendar, { timeZone: recipient.timezone });
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
          `UPDATE reminders SET digest_id = $3, status = '${ReminderStatus.IN_DIGEST}', updated_at = now()
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
      .catch((recordError: Error) =>
        this.logger.error(`Could not record the failure of reminder ${row.id}: ${recordError.message}`),
      );
    if (final) this.logger.warn(`Reminder ${row.id} FAILED after ${attempt.attempt} attempts: ${errorText(error)}`);
  }
}
