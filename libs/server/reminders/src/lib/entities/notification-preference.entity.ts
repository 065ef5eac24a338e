import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How a person wants reminder e-mails: each as it falls due, or one daily digest. */
export enum NotificationMode {
  IMMEDIATE = 'IMMEDIATE',
  DAILY_DIGEST = 'DAILY_DIGEST',
}

/** A person's choice in one agency; no row means IMMEDIATE and subscribed. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreference {
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 16, default: NotificationMode.IMMEDIATE })
  mode!: NotificationMode;

  /** No reminder e-mail at all while true. */
  @Column({ type: 'boolean', default: false })
  unsubscribed!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
