import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * An address whose mail server refused our mail for good (an SMTP 5xx reply). Nothing more is sent
 * to it for this agency until the person's address changes (the row names the address, so a new
 * one is not affected) or an admin retries a failed reminder, which clears it.
 */
@Entity({ name: 'mail_refusals' })
@Unique('mail_refusals_agency_email_key', ['agencyId', 'email'])
export class MailRefusal {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  /** Lower-cased. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'response_code', type: 'integer', nullable: true })
  responseCode!: number | null;

  /** What the server said. */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'refused_at', type: 'timestamptz' })
  refusedAt!: Date;
}
