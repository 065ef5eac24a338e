import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import IORedis from 'ioredis';
import { AppConfig, APP_CONFIG } from '@followthrough/server-core';

/**
 * What a Redis carrying BullMQ must be set to: evicting keys loses jobs silently, and without
 * persistence a restart loses every waiting job and the job schedulers (the scan heals that, but
 * late). Returns one sentence per problem.
 */
export function redisSettingsProblems(settings: Record<string, string>): string[] {
  const problems: string[] = [];
  const policy = settings['maxmemory-policy'];
  if (policy !== undefined && policy !== 'noeviction') {
    problems.push(
      `maxmemory-policy is "${policy}": Redis may evict queue keys under memory pressure; set it to "noeviction"`,
    );
  }
  if (settings['appendonly'] !== undefined && settings['appendonly'] !== 'yes' && !settings['save']) {
    problems.push(
      'neither append-only persistence nor snapshots are on: a restart loses every waiting job; set "appendonly yes"',
    );
  } else if (settings['appendonly'] !== undefined && settings['appendonly'] !== 'yes') {
    problems.push(
      'append-only persistence is off: a restart loses the jobs added since the last snapshot; set "appendonly yes"',
    );
  }
  return problems;
}

/** At worker start, warns when the Redis behind the queues is set up to lose jobs. */
@Injectable()
export class RedisSettingsCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('RedisSettings');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.redisUrl) return;
    const redis = new IORedis(this.config.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 3000,
    });
    try {
      await redis.connect();
      const settings: Record<string, string> = {};
      for (const name of ['maxmemory-policy', 'appendonly', 'save']) {
        const [, value] = (await redis.config('GET', name)) as string[];
        if (value !== undefined) settings[name] = value;
      }
      for (const problem of redisSettingsProblems(settings)) this.logger.warn(`Redis: ${problem}.`);
    } catch (error) {
      // Managed Redis services often disable CONFIG: say so rather than guess.
      this.logger.warn(
        `Could not read the Redis settings (${(error as Error).message}); make sure it runs with appendonly yes and maxmemory-policy noeviction.`,
      );
    } finally {
      redis.disconnect();
    }
  }
}
