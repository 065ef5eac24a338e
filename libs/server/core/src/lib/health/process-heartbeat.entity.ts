import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * "This recurring job last ran at …", written by whichever worker ran it. /health compares it with
 * the job's period, so a schedule lost with the queue's data shows as degraded instead of silence.
 */
@Entity({ name: 'process_heartbeats' })
export class ProcessHeartbeat {
  /** e.g. `reminder-scan`. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'beat_at', type: 'timestamptz' })
  beatAt!: Date;

  /** How often it is meant to run. */
  @Column({ name: 'every_ms', type: 'integer' })
  everyMs!: number;
}
