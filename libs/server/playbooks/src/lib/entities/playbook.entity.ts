import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An agency-authored follow-up cadence. Its steps live in immutable versions. */
@Entity({ name: 'playbooks' })
@Index('playbooks_agency_name_key', ['agencyId', 'name'], { unique: true })
@Index('playbooks_one_default_key', ['agencyId'], { unique: true, where: 'is_default' })
export class Playbook {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** Used for clients with no playbook of their own. One per agency. */
  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault!: boolean;

  @Column({ name: 'current_version', type: 'integer' })
  currentVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
