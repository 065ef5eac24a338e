import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface LateHeartbeat {
  name: string;
  lastRanAt: string;
}

/** Records and checks the heartbeats of recurring jobs (one row per job, by primary key). */
@Injectable()
export class HeartbeatService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async beat(name: string, everyMs: number, at = new Date()): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO process_heartbeats (name, beat_at, every_ms) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET beat_at = GREATEST(process_heartbeats.beat_at, EXCLUDED.beat_at), every_ms = EXCLUDED.every_ms`,
      [name, at, everyMs],
    );
  }

  /** The jobs that have not run within twice their period. */
  async late(now = new Date()): Promise<LateHeartbeat[]> {
    const rows: { name: string; beat_at: Date }[] = await this.dataSource.query(
      `SELECT name, beat_at FROM process_heartbeats WHERE beat_at < $1::timestamptz - make_interval(secs => every_ms * 2 / 1000.0) ORDER BY name`,
      [now],
    );
    return rows.map((row) => ({ name: row.name, lastRanAt: new Date(row.beat_at).toISOString() }));
  }
}
