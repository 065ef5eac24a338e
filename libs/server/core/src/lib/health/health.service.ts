import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueNames } from '../queue/queue-names';

export interface HealthReport {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
  queue: 'up' | 'down';
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
  ) {}

  async check(): Promise<HealthReport> {
    const [db, queue] = await Promise.all([
      answers(() => this.dataSource.query('SELECT 1')),
      answers(() => this.systemQueue.getJobCounts('waiting')),
    ]);
    return { status: db === 'up' && queue === 'up' ? 'ok' : 'degraded', db, queue };
  }
}
