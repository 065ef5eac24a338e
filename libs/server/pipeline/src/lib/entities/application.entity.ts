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
import { ApplicationStage } from '@followthrough/shared-domain';
import { Company } from './company.entity';

/** One job a client applied for (or saved), and where it stands. */
@Entity({ name: 'applications' })
// Keyset pagination: newest first, per client and across an agency's clients.
@Index('applications_agency_client_created_idx', ['agencyId', 'clientUserId', 'createdAt', 'id'])
@Index('applications_agency_created_idx', ['agencyId', 'createdAt', 'id'])
@Index('applications_agency_company_idx', ['agencyId', 'companyId'])
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'client_user_id', type: 'uuid' })
  clientUserId!: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /**
   * The company's domain and phones as this client gave them (or a recruiter's address revealed):
   * theirs alone until a coach or admin confirms them for the agency.
   */
  @Column({ name: 'company_domain', type: 'varchar', length: 253, nullable: true })
  companyDomain!: string | null;

  @Column({ name: 'company_main_phone', type: 'varchar', length: 40, nullable: true })
  companyMainPhone!: string | null;

  @Column({ name: 'company_sales_phone', type: 'varchar', length: 40, nullable: true })
  companySalesPhone!: string | null;

  /** Where the client found the job, e.g. "LinkedIn job post". */
  @Column({ type: 'varchar', length: 120, nullable: true })
  source!: string | null;

  @Column({ type: 'varchar', length: 20 })
  stage!: ApplicationStage;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;

  /** When the latest follow-up happened; kept with each logged follow-up. */
  @Column({ name: 'last_touch_at', type: 'timestamptz', nullable: true })
  lastTouchAt!: Date | null;

  /** The client tried and found nobody to talk to at this company. */
  @Column({ name: 'no_reachable_contact', type: 'boolean', default: false })
  noReachableContact!: boolean;

  @Column({ name: 'no_reachable_contact_reason', type: 'varchar', length: 500, nullable: true })
  noReachableContactReason!: string | null;

  /** Put aside by the client or a coach: hidden from lists unless they ask for it, never deleted. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId!: string;

  @Column({ name: 'on_behalf', type: 'boolean', default: false })
  onBehalf!: boolean;

  /** Millisecond precision, so the keyset cursor (a JavaScript Date) matches it exactly. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id' })
  company?: Company;
}
