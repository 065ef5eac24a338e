import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CadenceStopReason } from '../cadence/cadence-planner';
import { PlaybookVersion } from './playbook-version.entity';

/** A playbook version running for one application. At most one running per application. */
@Entity({ name: 'cadences' })
@Index('cadences_running_application_key', ['agencyId', 'applicationId'], { unique: true, where: 'stopped_at IS NULL' })
export class Cadence {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'client_user_id', type: 'uuid' })
  clientUserId!: string;

  @Column({ name: 'playbook_version_id', type: 'uuid' })
  playbookVersionId!: string;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt!: Date | null;

  @Column({ name: 'stop_reason', type: 'varchar', length: 32, nullable: true })
  stopReason!: CadenceStopReason | null;

  @ManyToOne(() => PlaybookVersion)
  @JoinColumn({ name: 'playbook_version_id' })
  playbookVersion?: PlaybookVersion;
}
