import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';
import { Logger } from '@nestjs/common';

/**
 * Counts every SQL statement TypeORM sends, process-wide. Tests and the benchmark read it
 * before and after a request to show that statement counts do not grow with row counts.
 */
export class SqlStatementCounter extends AbstractLogger {
  private static count = 0;
  private readonly logger = new Logger('SQL');

  static get total(): number {
    return SqlStatementCounter.count;
  }

  override logQuery(): void {
    SqlStatementCounter.count += 1;
  }

  protected writeLog(level: LogLevel, logMessage: LogMessage | LogMessage[]): void {
    const messages = Array.isArray(logMessage) ? logMessage : [logMessage];
    for (const message of messages) {
      if (level === 'warn') this.logger.warn(String(message.message));
      if (level === 'error') this.logger.error(String(message.message));
    }
  }
}
