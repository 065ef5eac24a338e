import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, rateLimited } from '@followthrough/server-core';

/** The actions throttled per IP and per target address before any password work. */
export type ThrottledAction = 'register' | 'complete-sign-up' | 'accept' | 'reset';

// A (account, IP) pair is forgotten a day after its last failure.
const PAIR_MEMORY_SECONDS = 86_400;

/**
 * Attempt limits shared by every API instance (kept in PostgreSQL). Each attempt is counted in one
 * statement before any password is hashed or checked, so parallel requests and GraphQL aliases
 * count one each and cannot slip past a limit.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one sign-up-like attempt for the caller's IP (and the target address when known). */
  async registerAction(action: ThrottledAction, ip: string, address?: string): Promise<void> {
    const { maxPerIp, maxPerAddress, windowSeconds } = this.config.signUp;
    const keys = [{ key: `${action}:ip:${ip}`, limit: maxPerIp }];
    if (address) keys.push({ key: `${action}:address:${digest(address)}`, limit: maxPerAddress });
    await this.countInWindow(keys, windowSeconds);
  }

  /** Counts one more attempt on the target address only (once the address is known). */
  async registerActionAddress(action: ThrottledAction, address: string): Promise<void> {
    const { maxPerAddress, windowSeconds } = this.config.signUp;
    await this.countInWindow([{ key: `${action}:address:${digest(address)}`, limit: maxPerAddress }], windowSeconds);
  }

  /**
   * Counts one password attempt: against the IP's window, and for the (account, IP) pair, which gets a
   * few free failures and then waits base × 2^(extra failures) seconds between attempts. Throws
   * RATE_LIMITED while a wait runs. Nobody but the guesser's own address is slowed down.
   */
  async registerAttempt(email: string, ip: string): Promise<void> {
    const { maxFailuresPerIp, windowSeconds, freeFailures, baseDelaySeconds, maxDelaySeconds } = this.config.login;
    await this.countInWindow([{ key: `ip:${ip}`, limit: maxFailuresPerIp }], windowSeconds);
    const key = pairKey(email, ip);
    const wait = `LEAST($4::float8, $3::float8 * power(2, t.failures - $2))`;
    const counted: unknown[] = await this.dataSource.query(
      `INSERT INTO login_throttles AS t (key, window_started_at, failures) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.window_started_at <= now() - make_interval(secs => $5) THEN 1 ELSE t.failures + 1 END,
         window_started_at = now()
       WHERE t.window_started_at <= now() - make_interval(secs => $5)
          OR t.failures < $2
          OR t.window_started_at + make_interval(secs => ${wait}) <= now()
       RETURNING failures`,
      [key, freeFailures, baseDelaySeconds, maxDelaySeconds, PAIR_MEMORY_SECONDS],
    );
    if (counted.length > 0) return;
    const rows: { retry_after: string }[] = await this.dataSource.query(
      `SELECT EXTRACT(EPOCH FROM (t.window_started_at + make_interval(secs => ${wait}) - now())) AS retry_after
         FROM login_throttles t WHERE t.key = $1`,
      [key, freeFailures, baseDelaySeconds, maxDelaySeconds],
    );
    throw rateLimited(Math.max(1, Number(rows[0]?.retry_after ?? baseDelaySeconds)));
  }

  /** The password was right: the pair starts afresh and the IP gets its attempt back. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.dataSource.query(
      `WITH cleared AS (DELETE FROM login_throttles WHERE key = $1)
       UPDATE login_throttles SET failures = GREATEST(failures - 1, 0) WHERE key = $2`,
      [pairKey(email, ip), `ip:${ip}`],
    );
  }

  private async countInWindow(keys: { key: string; limit: number }[], windowSeconds: number): Promise<void> {
    const rows: { key: string; failures: number; retry_after: string }[] = await this.dataSource.query(
      `INSERT INTO login_throttles (key, window_started_at, failures)
       SELECT k, now(), 1 FROM unnest($1::varchar[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttles.window_started_at > now() - make_interval(secs => $2)
                         THEN login_throttles.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN login_throttles.window_started_at > now() - make_interval(secs => $2)
                         THEN login_throttles.window_started_at ELSE now() END
       RETURNING key, failures,
         EXTRACT(EPOCH FROM (window_started_at + make_interval(secs => $2) - now())) AS retry_after`,
      [keys.map((k) => k.key), windowSeconds],
    );
    const limits = new Map(keys.map((k) => [k.key, k.limit]));
    const over = rows.filter((row) => row.failures > (limits.get(row.key) ?? Infinity));
    if (over.length > 0) throw rateLimited(Math.max(...over.map((row) => Number(row.retry_after))));
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function pairKey(email: string, ip: string): string {
  return `pair:${digest(`${email}\n${ip}`)}`;
}
