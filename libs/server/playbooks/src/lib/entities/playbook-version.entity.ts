import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { PlaybookStep } from '../cadence/playbook-step';
import { Playbook } from './playbook.entity';

/** A saved state of a playbook. Running cadences keep the version they started with. */
@Entity({ name: 'playbook_versions' })
@Unique('playbook_versions_playbook_version_key', ['agencyId', 'playbookId', 'version'])
export class PlaybookVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'playbook_id', type: 'uuid' })
  playbookId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  steps!: PlaybookStep[];

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => Playbook, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'playbook_id' })
  playbook?: Playbook;
}
