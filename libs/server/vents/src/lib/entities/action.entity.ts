import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ActionSource, ActionStatus } from '@followthrough/shared-domain';
import { MAX_ACTION_TITLE } from '../vent-limits';
import { Vent } from './vent.entity';

/** A concrete task for a client: from a vent, from a coach, from a playbook step or their own. */
@Entity({ name: 'actions' })
@Index('actions_agency_client_created_idx', ['agencyId', 'clientUserId', 'createdAt', 'id'])
@Index('actions_agency_created_idx', ['agencyId', 'createdAt', 'id'])
@Index('actions_agency_vent_idx', ['agencyId', 'ventId'])
export class Action {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'client_user_id', type: 'uuid' })
  clientUserId!: string;

  @Column({ type: 'varchar', length: MAX_ACTION_TITLE })
  title!: string;

  /** A calendar day (YYYY-MM-DD), in the client's own sense of "that day". */
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: ActionStatus;

  @Column({ type: 'varchar', length: 10 })
  source!: ActionSource;

  @Column({ name: 'vent_id', type: 'uuid', nullable: true })
  ventId!: string | null;

  /** Pipeline context id; no foreign key across contexts. */
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId!: string;

  @Column({ name: 'on_behalf', type: 'boolean', default: false })
  onBehalf!: boolean;

  /** When it was done or dropped, and by whom. */
  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;

  @Column({ name: 'settled_by_user_id', type: 'uuid', nullable: true })
  settledByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => Vent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'vent_id' })
  vent?: Vent;
}
