import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FollowUpChannel, FollowUpPurpose, StepStatus } from '@followthrough/shared-domain';
import { StepTrigger } from '../cadence/playbook-step';
import { Cadence } from './cadence.entity';

/** One step of a running cadence for one application: what to do, and by when. */
@Entity({ name: 'step_instances' })
@Index('step_instances_client_due_idx', ['agencyId', 'clientUserId', 'dueAt', 'id'])
@Index('step_instances_cadence_idx', ['agencyId', 'cadenceId', 'status'])
@Index('step_instances_application_idx', ['agencyId', 'applicationId', 'status'])
@Index('step_instances_pending_due_idx', ['agencyId', 'dueAt'], { where: "status = 'PENDING'" })
export class StepInstance {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'cadence_id', type: 'uuid' })
  cadenceId!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'client_user_id', type: 'uuid' })
  clientUserId!: string;

  @Column({ name: 'step_key', type: 'varchar', length: 64 })
  stepKey!: string;

  @Column({ type: 'varchar', length: 20 })
  trigger!: StepTrigger;

  @Column({ type: 'varchar', length: 20 })
  channel!: FollowUpChannel;

  @Column({ type: 'varchar', length: 20 })
  purpose!: FollowUpPurpose;

  @Column({ type: 'text' })
  instructions!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 12, default: StepStatus.PENDING })
  status!: StepStatus;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** The logged touch that did this step. */
  @Column({ name: 'follow_up_id', type: 'uuid', nullable: true })
  followUpId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => Cadence, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cadence_id' })
  cadence?: Cadence;
}
