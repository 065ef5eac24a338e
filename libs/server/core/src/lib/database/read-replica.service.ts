import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { lagFrom, readTarget } from './replica-lag';
import { queryInTenantScope } from './tenant-transactions';

export interface ReplicaStatus {
  /** Measured lag in seconds; null when the replica does not answer. */
  lagSeconds: number | null;
  /** Where replica-tolerant reads go right now. */
  serving: 'replica' | 'primary';
}

/** A measurement is reused for this long, so a busy API asks the two servers about once a second. */
const MEASURE_EVERY_MS = 1000;
const PROBE_TIMEOUT_MS = 2000;

/**
 * The streaming replica (DATABASE_REPLICA_URL) for reads that tolerate a bounded staleness. Its lag is measured
 * against the primary and reads go back to the primary while the lag passes REPLICA_MAX_LAG_SECONDS or the
 * replica does not answer. Without a replica every read goes to the primary. Statements are sent unnamed, so
 * they also pass through PgBouncer in transaction mode.
 */
@Injectable()
export class ReadReplica implements OnModuleDestroy {
  private readonly logger = new Logger(ReadReplica.name);
  private readonly pool: Pool | null;
  private measured: { at: number; lagSeconds: number | null } | null = null;
  private measuring: Promise<number | null> | null = null;
  private lastTarget: 'replica' | 'primary' | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const url = config.replica.url;
    this.pool = url
      ? new Pool({
          connectionString: url,
          max: 10,
          application_name: 'followthrough-replica-reads',
          connectionTimeoutMillis: PROBE_TIMEOUT_MS,
        })
      : null;
    // A replica that goes away must not crash the process: its idle clients report here.
    this.pool?.on('error', (error) => this.logger.warn(`Replica connection: ${error.message}`));
  }

  get configured(): boolean {
    return this.pool !== null;
  }

  /** Runs a read-only statement on the replica when it is fresh enough, otherwise on the primary. */
  async rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const target = await this.target();
    if (target === 'replica' && this.pool) {
      try {
        return await queryInTenantScope<T>(this.pool, text, values);
      } catch (error) {
        // Lost mid-query (restart, promotion): answer from the primary and measure again next time.
        this.measured = null;
        this.logger.warn(`Replica read failed, using the primary: ${(error as Error).message}`);
      }
    }
    return this.dataSource.query(text, values);
  }

  async status(): Promise<ReplicaStatus> {
    const lagSeconds = await this.lagSeconds();
    return { lagSeconds, serving: readTarget(lagSeconds, this.config.replica.maxLagSeconds) };
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
  }

  private async target(): Promise<'replica' | 'primary'> {
    if (!this.pool) return 'primary';
    const { serving, lagSeconds } = await this.status();
    if (serving !== this.lastTarget) {
      this.logger.log(
        `Insights reads now go to the ${serving} (replica lag ${lagSeconds === null ? 'unknown' : `${lagSeconds.toFixed(1)} s`})`,
      );
      this.lastTarget = serving;
    }
    return serving;
  }

  private async lagSeconds(): Promise<number | null> {
    if (!this.pool) return null;
    if (this.measured && Date.now() - this.measured.at < MEASURE_EVERY_MS) return this.measured.lagSeconds;
    // One measurement at a time per process, shared by the requests that arrive meanwhile.
    this.measuring ??= this.measure().finally(() => (this.measuring = null));
    return this.measuring;
  }

  private async measure(): Promise<number | null> {
    const pool = this.pool as Pool;
    let lagSeconds: number | null;
    try {
      const [primary] = await this.dataSource.query(`SELECT pg_current_wal_lsn()::text AS lsn`);
      const { rows } = await pool.query(
        `SELECT pg_last_wal_replay_lsn() < $1::pg_lsn AS behind,
                EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 AS replay_age
           FROM (SELECT 1 WHERE pg_is_in_recovery()) standby`,
        [primary.lsn],
      );
      // A server out of recovery (promoted, or not a replica at all) is no replica: read from the primary.
      lagSeconds =
        rows.length === 0
          ? null
          : lagFrom(
              rows[0].behind === true,
              rows[0].replay_age === null ? null : Math.max(0, Number(rows[0].replay_age)),
            );
    } catch {
      lagSeconds = null;
    }
    this.measured = { at: Date.now(), lagSeconds };
    return lagSeconds;
  }
}
