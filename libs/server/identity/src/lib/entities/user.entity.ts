import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored normalized (trimmed, lower-case); unique across the platform. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** argon2id PHC string. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  /** The person's own IANA time zone; the agency's when null. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timezone!: string | null;

  /** The TOTP secret once two-step sign-in is on, sealed with MFA_ENCRYPTION_KEY (mfa-secret-box.ts). */
  @Column({ name: 'mfa_secret', type: 'varchar', length: 200, nullable: true })
  mfaSecret!: string | null;

  /** The secret being set up, until a first code confirms it; sealed the same way. */
  @Column({ name: 'mfa_pending_secret', type: 'varchar', length: 200, nullable: true })
  mfaPendingSecret!: string | null;

  @Column({ name: 'mfa_enabled_at', type: 'timestamptz', nullable: true })
  mfaEnabledAt!: Date | null;

  /** The last TOTP time step accepted: a code is good once. */
  @Column({ name: 'mfa_last_time_step', type: 'bigint', nullable: true })
  mfaLastTimeStep!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
