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
import { ContactRole, ContactSource } from '@followthrough/shared-domain';
import { Company } from './company.entity';

/** A person at a company whom one client found; part of that client's pipeline. */
@Entity({ name: 'contacts' })
@Index('contacts_agency_company_client_idx', ['agencyId', 'companyId', 'clientUserId'])
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'client_user_id', type: 'uuid' })
  clientUserId!: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: ContactRole;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  /** Stored normalized (trimmed, lower-case). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ name: 'how_found', type: 'varchar', length: 20 })
  howFound!: ContactSource;

  @Column({ name: 'added_by_user_id', type: 'uuid' })
  addedByUserId!: string;

  @Column({ name: 'on_behalf', type: 'boolean', default: false })
  onBehalf!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  /** Soft delete: TypeORM's finders skip the row; hand-written SQL says `deleted_at IS NULL` itself. */
  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id' })
  company?: Company;
}
