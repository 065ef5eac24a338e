import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';
import { Logger } from '@nestjs/common';

/** One statement as TypeORM sent it. */
export interface RecordedStatement {
  text: string;
  values: unknown[];
}

/**
 * Counts every SQL statement TypeORM sends, process-wide. Tests and the benchmark read it
 * before and after a request to show that statement counts do not grow with row counts;
 * `record` also keeps the statements themselves (tests EXPLAIN them).
 */
export class SqlStatementCounter extends AbstractLogger {
  private static count = 0;
  private static readonly recorders = new Set<RecordedStatement[]>();
  private readonly logger = new Logger('SQL');

  static get total(): number {
    return SqlStatementCounter.count;
  }

  /** Runs `work` and returns every statement sent meanwhile (by anyone in this process). */
  static async record(work: () => Promise<unknown>): Promise<RecordedStatement[]> {
    const statements: RecordedStatement[] = [];
    SqlStatementCounter.recorders.add(statements);
    try {
      await work();
    } finally {
      SqlStatementCounter.recorders.delete(statements);
    }
    return statements;
  }

  override logQuery(query: string, parameters?: unknown[]): void {
    SqlStatementCounter.count += 1;
    for (const statements of SqlStatementCounter.recorders) statements.push({ text: query, values: parameters ?? [] });
  }

  protected writeLog(level: LogLevel, logMessage: LogMessage | LogMessage[]): void {
    const messages = Array.isArray(logMessage) ? logMessage : [logMessage];
    for (const message of messages) {
      if (level === 'warn') this.logger.warn(String(message.message));
      if (level === 'error') this.logger.error(String(message.message));
    }
  }
}
