import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, rateLimited } from '@followthrough/server-core';

/** Limits failed logins per account and per IP over a fixed window, shared by every API instance. */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string) {
    return { account: `account:${email}`, ip: `ip:${ip}` };
  }

  /** Throws RATE_LIMITED while either key has used up its failures in the current window. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const { account, ip: ipKey } = this.keys(email, ip);
    const { windowSeconds, maxFailuresPerAccount, maxFailuresPerIp } = this.config.login;
    const rows: { key: string; failures: number; retry_after: string }[] = await this.dataSource.query(
      `SELECT key, failures, EXTRACT(EPOCH FROM (window_started_at + make_interval(secs => $3) - now())) AS retry_after
         FROM login_throttles
        WHERE key = ANY($1::varchar[]) AND window_started_at > now() - make_interval(secs => $3)
          AND failures >= CASE WHEN key = $2 THEN $4::int ELSE $5::int END`,
      [[account, ipKey], account, windowSeconds, maxFailuresPerAccount, maxFailuresPerIp],
    );
    if (rows.length > 0) throw rateLimited(Math.max(...rows.map((row) => Number(row.retry_after))));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const { account, ip: ipKey } = this.keys(email, ip);
    await this.dataSource.query(
      `INSERT INTO login_throttles (key, window_started_at, failures)
       SELECT k, now(), 1 FROM unnest($1::varchar[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttles.window_started_at > now() - make_interval(secs => $2)
                         THEN login_throttles.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN login_throttles.window_started_at > now() - make_interval(secs => $2)
                         THEN login_throttles.window_started_at ELSE now() END`,
      [[account, ipKey], this.config.login.windowSeconds],
    );
  }

  async recordSuccess(email: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttles WHERE key = $1', [this.keys(email, '').account]);
  }
}
