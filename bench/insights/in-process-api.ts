import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { configureHttp, SqlStatementCounter } from '@followthrough/server-core';
import { registerMailbox, TestSmtpServer } from '@followthrough/server-testing';
import { AppModule } from '../../apps/api/src/app.module';

export interface CapturedStatement {
  text: string;
  values: unknown[];
}

/**
 * The API in this process, for setting up the benchmark and for counting statements: SqlStatementCounter
 * (the process-wide TypeORM logger) counts what one request issues, and a tap on the same logger keeps the
 * statements' text and parameters so the benchmark can replay exactly that SQL as the floor.
 */
export class InProcessApi {
  private capturing: CapturedStatement[] | null = null;

  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    private readonly mailbox: TestSmtpServer,
  ) {
    const logger = app.get(DataSource).logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, queryRunner) => {
      this.capturing?.push({ text: query, values: Array.isArray(parameters) ? parameters : [] });
      return logQuery(query, parameters, queryRunner);
    };
  }

  static async start(databaseUrl: string): Promise<InProcessApi> {
    // Sign-up and invitation links arrive only by e-mail: the bench's people read them from a real SMTP server.
    const mailbox = await new TestSmtpServer().start();
    Object.assign(process.env, {
      SMTP_URL: mailbox.url,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      LOGIN_MAX_FAILURES_PER_IP: '100000',
      SIGNUP_MAX_PER_IP: '100000',
      // Tokens of this instance are used only by the benchmark itself.
      JWT_SECRET: process.env['JWT_SECRET'] || randomBytes(32).toString('hex'),
    });
    const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    registerMailbox(url, mailbox);
    return new InProcessApi(app, url, mailbox);
  }

  /** Runs one request and returns the statements it issued (their count is SqlStatementCounter's delta). */
  async capture(run: () => Promise<unknown>): Promise<{ count: number; statements: CapturedStatement[] }> {
    this.capturing = [];
    const before = SqlStatementCounter.total;
    try {
      await run();
      return { count: SqlStatementCounter.total - before, statements: this.capturing };
    } finally {
      this.capturing = null;
    }
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.mailbox.stop();
  }
}
