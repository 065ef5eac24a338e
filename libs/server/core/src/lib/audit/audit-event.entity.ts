import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who read or changed what, and on whose behalf. Append-only. */
@Entity({ name: 'audit_events' })
@Index('audit_events_agency_subject_idx', ['agencyId', 'subjectUserId', 'occurredAt'])
@Index('audit_events_agency_time_idx', ['agencyId', 'occurredAt', 'id'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'actor_user_id', type: 'uuid' })
  actorUserId!: string;

  /** The client whose data was read or changed, when there is one. */
  @Column({ name: 'subject_user_id', type: 'uuid', nullable: true })
  subjectUserId!: string | null;

  /** Every client a read covered (a list covers many); the one client otherwise, or none. */
  @Column({ name: 'subject_user_ids', type: 'uuid', array: true, default: () => "'{}'" })
  subjectUserIds!: string[];

  /** For a read, the operations it served, e.g. `applications.listed, actions.listed`. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;

  /** What happened, e.g. `client.read`, `followUp.logged`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId!: string | null;

  @Column({ name: 'on_behalf', type: 'boolean', default: false })
  onBehalf!: boolean;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
