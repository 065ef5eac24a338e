import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Playbook } from './playbook.entity';

/** The playbook a client's new cadences use instead of the agency default. */
@Entity({ name: 'playbook_assignments' })
export class PlaybookAssignment {
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @PrimaryColumn({ name: 'client_user_id', type: 'uuid' })
  clientUserId!: string;

  @Column({ name: 'playbook_id', type: 'uuid' })
  playbookId!: string;

  @CreateDateColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;

  @ManyToOne(() => Playbook, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'playbook_id' })
  playbook?: Playbook;
}
