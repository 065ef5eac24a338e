import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * An employer, shared by the clients of one agency: found by its normalized name or its confirmed
 * web domain, so "ACME  Inc." and "acme inc" are one company. Its domain and phones are set only
 * when a coach or admin confirms them; what a client types stays on their application.
 */
@Entity({ name: 'companies' })
@Unique('companies_agency_normalized_name_key', ['agencyId', 'normalizedName'])
@Index('companies_agency_domain_key', ['agencyId', 'domain'], { unique: true, where: 'domain IS NOT NULL' })
export class Company {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  /** As first written by a client. */
  @Column({ type: 'varchar', length: 160 })
  name!: string;

  /** Lower-case, single-spaced, without punctuation or legal suffix: the matching key. */
  @Column({ name: 'normalized_name', type: 'varchar', length: 160 })
  normalizedName!: string;

  /** Web domain, e.g. acme.io, as confirmed for the agency. */
  @Column({ type: 'varchar', length: 253, nullable: true })
  domain!: string | null;

  @Column({ name: 'main_phone', type: 'varchar', length: 40, nullable: true })
  mainPhone!: string | null;

  @Column({ name: 'sales_phone', type: 'varchar', length: 40, nullable: true })
  salesPhone!: string | null;

  /** When a coach or admin last confirmed the domain and phones for the agency; null if never. */
  @Column({ name: 'details_confirmed_at', type: 'timestamptz', nullable: true })
  detailsConfirmedAt!: Date | null;

  @Column({ name: 'details_confirmed_by_user_id', type: 'uuid', nullable: true })
  detailsConfirmedByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
