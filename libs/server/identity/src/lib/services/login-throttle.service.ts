import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, rateLimited } from '@followthrough/server-core';

/**
 * Limits password attempts per account and per IP over a fixed window, shared by every API
 * instance. An attempt is counted before the password is checked, in one statement, so that
 * parallel guesses cannot slip past the limit; a success gives the attempt back.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string) {
    return { account: `account:${email}`, ip: `ip:${ip}` };
  }

  /** Counts one attempt; throws RATE_LIMITED when it goes over either limit. */
  async registerAttempt(email: string, ip: string): Promise<void> {
    const { account, ip: ipKey } = this.keys(email, ip);
    const { windowSeconds, maxFailuresPerAccount, maxFailuresPerIp } = this.config.login;
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
      [[account, ipKey], windowSeconds],
    );
    const over = rows.filter((row) => row.failures > (row.key === account ? maxFailuresPerAccount : maxFailuresPerIp));
    if (over.length > 0) throw rateLimited(Math.max(...over.map((row) => Number(row.retry_after))));
  }

  /** The password was right: the account starts afresh and the IP gets its attempt back. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    const { account, ip: ipKey } = this.keys(email, ip);
    await this.dataSource.query(
      `WITH cleared AS (DELETE FROM login_throttles WHERE key = $1)
       UPDATE login_throttles SET failures = GREATEST(failures - 1, 0) WHERE key = $2`,
      [account, ipKey],
    );
  }
}
