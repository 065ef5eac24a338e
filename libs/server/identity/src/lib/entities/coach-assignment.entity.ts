import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Agency } from './agency.entity';

/** A coach follows a client. A client may have more than one coach. */
@Entity({ name: 'coach_assignments' })
@Index('coach_assignments_client_idx', ['agencyId', 'clientUserId'])
@Index('coach_assignments_coach_since_idx', ['agencyId', 'coachUserId', 'createdAt', 'clientUserId'])
export class CoachAssignment {
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @PrimaryColumn({ name: 'coach_user_id', type: 'uuid' })
  coachUserId!: string;

  @PrimaryColumn({ name: 'client_user_id', type: 'uuid' })
  clientUserId!: string;

  /** Millisecond precision: it is the key of the coach's client pages' cursors. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id' })
  agency?: Agency;
}
