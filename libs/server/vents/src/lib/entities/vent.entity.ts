import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { VentState } from '@followthrough/shared-domain';
import { MAX_VENT_LENGTH } from '../vent-limits';

/**
 * A client's frustration, in their words. Private unless the client shares it with their coaches;
 * admins only ever see counts.
 */
@Entity({ name: 'vents' })
@Check('vents_mood_range', 'mood BETWEEN 1 AND 5')
@Index('vents_agency_client_created_idx', ['agencyId', 'clientUserId', 'createdAt', 'id'])
@Index('vents_agency_created_idx', ['agencyId', 'createdAt', 'id'])
export class Vent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'client_user_id', type: 'uuid' })
  clientUserId!: string;

  @Column({ type: 'varchar', length: MAX_VENT_LENGTH })
  text!: string;

  /** 1 (awful) to 5 (fine). */
  @Column({ type: 'smallint' })
  mood!: number;

  /** Themes detected in the text (see VentTheme). */
  @Column({ type: 'varchar', length: 32, array: true, default: () => "'{}'" })
  tags!: string[];

  /** The application it is about, if any (pipeline context; no foreign key across contexts). */
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  @Column({ name: 'shared_with_coach', type: 'boolean', default: false })
  sharedWithCoach!: boolean;

  @Column({ type: 'varchar', length: 10 })
  state!: VentState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
