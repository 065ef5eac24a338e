import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { ReminderStatus } from '@followthrough/shared-domain';

/** One daily e-mail to one person collecting their due reminders (for people who chose the digest). */
@Entity({ name: 'reminder_digests' })
// In delivery: the scan looks here for rows left behind by a lost job.
@Index('reminder_digests_sending_idx', ['updatedAt'], { where: `"status" = 'SENDING'` })
@Unique('reminder_digests_person_day_key', ['agencyId', 'recipientUserId', 'digestDate'])
@Index('reminder_digests_due_idx', ['dueAt'], { where: `"status" = 'SCHEDULED' AND "enqueued_at" IS NULL` })
@Index('reminder_digests_enqueued_idx', ['enqueuedAt'], {
  where: `"status" = 'SCHEDULED' AND "enqueued_at" IS NOT NULL`,
})
export class ReminderDigest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'recipient_user_id', type: 'uuid' })
  recipientUserId!: string;

  /** The recipient's local date the digest is for. */
  @Column({ name: 'digest_date', type: 'date' })
  digestDate!: string;

  /** The business morning (09:00 in the recipient's zone) it goes out. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 16, default: ReminderStatus.SCHEDULED })
  status!: ReminderStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'provider_message_id', type: 'varchar', length: 200, nullable: true })
  providerMessageId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;

  /** The queue job that carries it now (see Reminder.jobId). */
  @Column({ name: 'job_id', type: 'varchar', length: 120, nullable: true })
  jobId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
