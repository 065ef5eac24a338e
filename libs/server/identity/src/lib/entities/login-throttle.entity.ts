import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed logins per account or per IP in the current window; kept in the database so API instances share it. */
@Entity({ name: 'login_throttles' })
export class LoginThrottle {
  /** `account:<email>` or `ip:<address>`. */
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key!: string;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ type: 'integer' })
  failures!: number;
}
