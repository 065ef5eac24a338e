import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApplicationStage } from '@followthrough/shared-domain';
import { Application } from './application.entity';

/** One move of an application between stages; the first row records the stage it was created in. */
@Entity({ name: 'application_stage_changes' })
@Index('application_stage_changes_agency_application_idx', ['agencyId', 'applicationId', 'changedAt'])
export class ApplicationStageChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'from_stage', type: 'varchar', length: 20, nullable: true })
  fromStage!: ApplicationStage | null;

  @Column({ name: 'to_stage', type: 'varchar', length: 20 })
  toStage!: ApplicationStage;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ name: 'changed_by_user_id', type: 'uuid' })
  changedByUserId!: string;

  @Column({ name: 'on_behalf', type: 'boolean', default: false })
  onBehalf!: boolean;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz', precision: 3 })
  changedAt!: Date;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Application;
}
