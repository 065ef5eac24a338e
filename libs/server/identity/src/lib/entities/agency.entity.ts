import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The tenant. Its calendar decides which days count as business days for its people. */
@Entity({ name: 'agencies' })
export class Agency {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** IANA time zone, e.g. Europe/Paris. */
  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
  @Column({ name: 'working_weekdays', type: 'smallint', array: true, default: () => "'{1,2,3,4,5}'" })
  workingWeekdays!: number[];

  /** Public holidays as ISO dates (YYYY-MM-DD) in the agency's time zone. */
  @Column({ type: 'date', array: true, default: () => "'{}'" })
  holidays!: string[];

  /** Admins and coaches must use two-step sign-in. */
  @Column({ name: 'require_mfa', type: 'boolean', default: false })
  requireMfa!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
