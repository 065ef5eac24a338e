import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReadReplica } from '@followthrough/server-core';
import { SqlStatement } from '../sql/sql-statement';

/** Runs statements on one connection (a transaction's). */
export type SqlRunner = <T>(statement: SqlStatement) => Promise<T[]>;

/**
 * Runs insights' statements. Insights is the one read-model context allowed to read the other contexts'
 * tables (applications, follow-ups, steps, vents, actions, reminders, memberships); it never writes to them.
 * It writes only its own tables: the radar snapshots and the agencies' radar data versions.
 */
@Injectable()
export class InsightsSql {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replica: ReadReplica,
  ) {}

  async rows<T>(statement: SqlStatement): Promise<T[]> {
    return this.dataSource.query(statement.text, statement.values);
  }

  /** A read that may lag by up to REPLICA_MAX_LAG_SECONDS: served by the read replica when there is one. */
  async laggingRows<T>(statement: SqlStatement): Promise<T[]> {
    return this.replica.rows<T>(statement.text, statement.values);
  }

  /** A transaction at PostgreSQL's default READ COMMITTED: each statement sees what was committed when it started. */
  transaction<T>(work: (run: SqlRunner) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(runnerOf(manager)));
  }
}

export function runnerOf(manager: EntityManager): SqlRunner {
  return <T>(statement: SqlStatement): Promise<T[]> => manager.query(statement.text, statement.values);
}
