import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { ReminderStatus } from '@followthrough/shared-domain';

/** Ids a reminder points at, by name (e.g. { stepInstanceId, applicationId }): never personal data. */
export type ReminderRefs = Record<string, string>;

/** Why a reminder was SKIPPED. */
export enum ReminderSkipReason {
  CANCELLED = 'CANCELLED',
  UNSUBSCRIBED = 'UNSUBSCRIBED',
  NOT_NEEDED = 'NOT_NEEDED',
  RECIPIENT_GONE = 'RECIPIENT_GONE',
  /** The recipient's mail server refused this address for good earlier (see MailRefusal). */
  ADDRESS_REFUSED = 'ADDRESS_REFUSED',
}

/**
 * When a reminder may go out. 'business-hours': on a business day of the agency's calendar,
 * outside the recipient's quiet hours, checked again at the moment of sending. 'exact': as soon as due.
 */
export type ReminderTiming = 'business-hours' | 'exact';

/**
 * One notification to one person, due at a moment. Other contexts create them (with an
 * idempotency key); the engine delivers them: SCHEDULED → SENDING → SENT, or SKIPPED / FAILED,
 * or SCHEDULED → IN_DIGEST → SENT with the recipient's daily digest.
 */
@Entity({ name: 'reminders' })
// In delivery: the scan looks here for rows left behind by a lost job.
@Index('reminders_sending_idx', ['updatedAt'], { where: `"status" = 'SENDING' AND "digest_id" IS NULL` })
@Unique('reminders_agency_key_key', ['agencyId', 'idempotencyKey'])
// The scheduler's scan reads only this small index: due reminders not yet handed to the queue.
// A claimed reminder leaves it at once, so each scan batch starts where the rest begins.
@Index('reminders_due_idx', ['dueAt'], { where: `"status" = 'SCHEDULED' AND "enqueued_at" IS NULL` })
// Handed to the queue but not yet picked up by a sender: the rare re-claim after a lost job.
@Index('reminders_enqueued_idx', ['enqueuedAt'], { where: `"status" = 'SCHEDULED' AND "enqueued_at" IS NOT NULL` })
@Index('reminders_recipient_idx', ['agencyId', 'recipientUserId', 'dueAt'])
@Index('reminders_agency_due_idx', ['agencyId', 'dueAt'])
@Index('reminders_digest_idx', ['digestId'], { where: `"digest_id" IS NOT NULL` })
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  /** Which composer writes the message, e.g. "playbook.step-due". */
  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ name: 'recipient_user_id', type: 'uuid' })
  recipientUserId!: string;

  /** When it may go out (already moved out of quiet hours and non-business days when asked). */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 16, default: ReminderStatus.SCHEDULED })
  status!: ReminderStatus;

  @Column({ type: 'varchar', length: 16, default: 'exact' })
  timing!: ReminderTiming;

  /** Unique per agency; the C collation lets a prefix search (cancel by prefix) use the index. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, collation: 'C' })
  idempotencyKey!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  refs!: ReminderRefs;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'skip_reason', type: 'varchar', length: 20, nullable: true })
  skipReason!: ReminderSkipReason | null;

  @Column({ name: 'provider_message_id', type: 'varchar', length: 200, nullable: true })
  providerMessageId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** When the scheduler last handed it to the queue. */
  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;

  /** The queue job that carries it now: how the scan tells a lost job from one still waiting. */
  @Column({ name: 'job_id', type: 'varchar', length: 120, nullable: true })
  jobId!: string | null;

  /** Set when the recipient takes a daily digest: the digest that will carry it. */
  @Column({ name: 'digest_id', type: 'uuid', nullable: true })
  digestId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
