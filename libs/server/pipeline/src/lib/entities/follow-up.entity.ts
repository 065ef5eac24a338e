import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { FollowUpChannel, FollowUpDirection, FollowUpOutcome, FollowUpPurpose } from '@followthrough/shared-domain';
import { Application } from './application.entity';
import { Contact } from './contact.entity';

/** One touch after applying: a call, a visit, an e-mail… logged by the client or a coach on their behalf. */
@Entity({ name: 'follow_ups' })
@Index('follow_ups_agency_application_idx', ['agencyId', 'applicationId', 'occurredAt'])
@Index('follow_ups_agency_client_idx', ['agencyId', 'clientUserId', 'occurredAt'])
@Index('follow_ups_idempotency_key_idx', ['agencyId', 'loggedByUserId', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
export class FollowUp {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  /** The application's client, repeated so caseload queries need no join. */
  @Column({ name: 'client_user_id', type: 'uuid' })
  clientUserId!: string;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  channel!: FollowUpChannel;

  @Column({ type: 'varchar', length: 10 })
  direction!: FollowUpDirection;

  @Column({ type: 'varchar', length: 20 })
  purpose!: FollowUpPurpose;

  @Column({ type: 'varchar', length: 30, nullable: true })
  outcome!: FollowUpOutcome | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes!: string | null;

  @Column({ name: 'logged_by_user_id', type: 'uuid' })
  loggedByUserId!: string;

  @Column({ name: 'on_behalf', type: 'boolean', default: false })
  onBehalf!: boolean;

  /** The sender's key for this touch: sending it again returns this touch instead of logging a second one. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true })
  idempotencyKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  /** Soft delete: TypeORM's finders skip the row; hand-written SQL says `deleted_at IS NULL` itself. */
  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;
}
