import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { RateLimiterAbstract, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { rateLimited } from '../errors/app-errors';

/**
 * The store names its prepared statements; behind PgBouncer in transaction mode (before 1.21, which tracks
 * them) a later transaction lands on a server connection that never prepared them and the statement fails,
 * which lets the call through uncounted. Sent unnamed, each statement is parsed where it runs.
 */
function withUnnamedStatements(pool: Pool): Pick<Pool, 'query'> {
  return {
    query: ((statement: { text: string; values?: unknown[] }) =>
      pool.query({ text: statement.text, values: statement.values })) as Pool['query'],
  };
}

/** The table the PostgreSQL store counts in (created by a migration, so the app role needs no DDL). */
export const RATE_LIMIT_TABLE = 'graphql_rate_limits';

/**
 * Calls of each root field per caller per window, counted where every API process sees them: Redis
 * when REDIS_URL is set, PostgreSQL otherwise (on a small pool of its own, apart from the request's
 * statements). A caller is the signed-in user, or the IP address when signed out.
 */
@Injectable()
export class OperationRateLimiter implements OnModuleDestroy {
  private readonly limiter: RateLimiterAbstract | null;
  private readonly close: () => Promise<unknown>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { rateLimitPerOperation: points, rateLimitWindowSeconds: duration } = config.limits;
    if (points === 0) {
      this.limiter = null;
      this.close = async () => undefined;
    } else if (config.redisUrl) {
      const redis = new Redis(config.redisUrl, {
        enableOfflineQueue: false,
        lazyConnect: false,
        maxRetriesPerRequest: 1,
      });
      this.limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'ft-op', points, duration });
      this.close = () => redis.quit();
    } else {
      const pool = new Pool({
        connectionString: config.databaseUrl,
        max: 2,
        application_name: 'followthrough-rate-limit',
      });
      this.limiter = new RateLimiterPostgres({
        storeClient: withUnnamedStatements(pool),
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: true,
        points,
        duration,
      });
      this.close = () => pool.end();
    }
  }

  /** Counts one call of each field; throws RATE_LIMITED when any goes over. */
  async consume(caller: string, fieldNames: readonly string[]): Promise<void> {
    const limiter = this.limiter;
    if (!limiter) return;
    const outcomes = await Promise.allSettled(
      [...new Set(fieldNames)].map((field) => limiter.consume(`${caller}:${field}`)),
    );
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (refused.length === 0) return;
    const denials = refused
      .map((outcome) => outcome.reason)
      .filter((reason): reason is RateLimiterRes => reason instanceof RateLimiterRes);
    // A store that cannot be reached is not the caller's fault: let the request through.
    if (denials.length === 0) return;
    const error = rateLimited(Math.max(1, Math.ceil(Math.max(...denials.map((denial) => denial.msBeforeNext)) / 1000)));
    error.extensions['http'] = { status: 429 };
    throw error;
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }
}
