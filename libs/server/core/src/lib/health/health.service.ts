import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../database/read-replica.service';
import { QueueNames } from '../queue/queue-names';
import { HeartbeatService, LateHeartbeat } from './heartbeat.service';

export interface HealthReport {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
  /** 'degraded': the queue answers but a recurring job (e.g. the reminder scan) has not run within twice its period. */
  queue: 'up' | 'down' | 'degraded';
  /** Present when degraded: which recurring jobs are late, and when each last ran. */
  late?: LateHeartbeat[];
  /** Only with a read replica: its lag in seconds (null when it does not answer) and where lag-tolerant reads go. */
  replica?: { lagSeconds: number | null; serving: 'replica' | 'primary' };
}

const PROBE_TIMEOUT_MS = 2000;

async function answers(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueNames.system) private readonly systemQueue: Queue,
    private readonly replica: ReadReplica,
    private readonly heartbeats: HeartbeatService,
  ) {}

  async check(): Promise<HealthReport> {
    const [db, queue] = await Promise.all([
      answers(() => this.dataSource.query('SELECT 1')),
      answers(() => this.systemQueue.getJobCounts('waiting')),
    ]);
    const late = db === 'up' ? await this.heartbeats.late().catch(() => []) : [];
    const report: HealthReport =
      queue === 'up' && late.length > 0
        ? { status: 'degraded', db, queue: 'degraded', late }
        : { status: db === 'up' && queue === 'up' ? 'ok' : 'degraded', db, queue };
    // A lagging or absent replica degrades nothing: its reads fall back to the primary.
    if (this.replica.configured) report.replica = await this.replica.status();
    return report;
  }
}
