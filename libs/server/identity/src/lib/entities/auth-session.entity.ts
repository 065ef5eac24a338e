import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Membership } from './membership.entity';

/**
 * One signed-in device: every access token names its session, and the session is the family of its
 * refresh tokens. Only the newest refresh token's hash is kept; an older one coming back ends the session.
 */
@Entity({ name: 'auth_sessions' })
@Index('auth_sessions_user_idx', ['userId', 'lastSeenAt'])
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId!: string;

  /** SHA-256 of the current refresh token; null until one is issued. */
  @Column({ name: 'refresh_hash', type: 'char', length: 64, nullable: true })
  refreshHash!: string | null;

  @Column({ name: 'refresh_generation', type: 'integer', default: 0 })
  refreshGeneration!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  /** When the refresh token family ends at the latest. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 40, nullable: true })
  revokedReason!: string | null;

  /** When this session last proved a second factor (sign-in code or step-up). */
  @Column({ name: 'mfa_verified_at', type: 'timestamptz', nullable: true })
  mfaVerifiedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent!: string | null;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id' })
  membership?: Membership;
}
